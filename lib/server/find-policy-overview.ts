import "server-only";
import type { ControlRate } from "@/lib/metrics";
import { enforcedRate, passRate } from "@/lib/metrics/pass-rate";
import { describePolicyText } from "@/lib/program/policy-text";
import type { StatusCounts } from "@/lib/scanner";
import type { PolicySummary } from "@/lib/scanner/schema";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/** A policy as the latest scan of one environment evaluated it. */
export type ScannedPolicy = PolicySummary & { environment: string; scanId: string; takenAt: string };

export type PolicyRow = {
  /** The ValidatingAdmissionPolicy's name; its control is `vap:<name>`. */
  name: string;
  control: string;
  /** The stored policy set entry that holds it, if any. */
  storedIn?: string;
  /** The latest scan of each environment that evaluated it. */
  scanned: ScannedPolicy[];
  /** Bindings named in the stored text (with their validation actions) when not scanned yet. */
  storedBindings: { name: string; validationActions: string[] }[];
};

/** One scan's counts of each policy's control (the trend chart's point; metRate counts waived as met). */
export type PolicyRatePoint = {
  scanId: string;
  takenAt: string;
  environment: string;
  rates: ControlRate[];
};

type Row = {
  id: string;
  takenAt: Date;
  environment: string;
  policies: PolicySummary[];
  controls: Record<string, StatusCounts> | null;
};

/**
 * A program's policies page: the stored policy set, the policies its scans evaluated (latest scan of each
 * environment), and each policy's pass rate per scan. Reads the scans' policy lists and only the `vap:*` entries
 * of their stored summaries (no control results).
 */
export async function findPolicyOverview(actor: Actor, projectSlug: string) {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const [stored, rows] = await Promise.all([
    db.programPolicy.findMany({
      where: { projectId: project.id },
      orderBy: { name: "asc" },
      select: { name: true, source: true, text: true, hash: true, updatedAt: true },
    }),
    db.$queryRaw<Row[]>`
      SELECT s.id, s."takenAt", e.name AS environment, s.policies,
        (SELECT jsonb_object_agg(c.key, c.value) FROM jsonb_each(s.summary->'controls') AS c
          WHERE c.key LIKE 'vap:%') AS controls
      FROM "Scan" s JOIN "Environment" e ON e.id = s."environmentId"
      WHERE s."projectId" = ${project.id}
      ORDER BY s."takenAt", s."createdAt"`,
  ]);

  const byName = new Map<string, PolicyRow>();
  const rowOf = (name: string) => {
    let row = byName.get(name);
    if (!row) {
      row = { name, control: `vap:${name}`, scanned: [], storedBindings: [] };
      byName.set(name, row);
    }
    return row;
  };
  const entries = stored.map((p) => {
    const described = describePolicyText(p.text);
    for (const name of described.policies) {
      const row = rowOf(name);
      row.storedIn = p.name;
      row.storedBindings = described.bindings
        .filter((b) => b.policyName === name)
        .map(({ name: binding, validationActions }) => ({ name: binding, validationActions }));
    }
    return { ...p, updatedAt: p.updatedAt.toISOString(), policies: described.policies };
  });

  const latest = new Map<string, Row>();
  for (const r of rows) latest.set(r.environment, r); // rows are in time order: the last one wins
  for (const r of latest.values())
    for (const p of r.policies)
      rowOf(p.name).scanned.push({
        ...p,
        environment: r.environment,
        scanId: r.id,
        takenAt: r.takenAt.toISOString(),
      });

  const history: PolicyRatePoint[] = rows
    .filter((r) => r.controls && Object.keys(r.controls).length > 0)
    .map((r) => ({
      scanId: r.id,
      takenAt: r.takenAt.toISOString(),
      environment: r.environment,
      rates: Object.entries(r.controls ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([control, counts]) => ({
          control,
          pass: counts.pass,
          fail: counts.fail,
          waived: counts.waived,
          notApplicable: counts["n/a"],
          target: counts.pass + counts.fail,
          rate: enforcedRate(counts),
          metRate: passRate(counts),
        })),
    }));

  return {
    entries,
    policies: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)),
    history,
    environments: [...latest.keys()].sort(),
  };
}

export type PolicyOverview = Awaited<ReturnType<typeof findPolicyOverview>>;
