import "server-only";
import { type ControlRate, controlRate, rateOfCounts } from "@/lib/metrics";
import { describePolicyText } from "@/lib/program/policy-text";
import type { StatusCounts } from "@/lib/scanner";
import type { PolicySummary } from "@/lib/scanner/schema";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { loadScanView } from "./load-scan-view";
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
 * of their stored summaries; only each environment's latest scan is read in full, as the current view.
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

  // Each environment's latest scan as the current view (today's exceptions waive, as in every figure); the
  // earlier ones as recorded at ingest.
  const now = new Date();
  const current = new Map(
    await Promise.all(
      [...latest.values()]
        .filter((r) => r.controls && Object.keys(r.controls).length > 0)
        .map(async (r) => [r.id, await loadScanView(project.id, r.id, { exceptionsAt: now })] as const),
    ),
  );
  const history: PolicyRatePoint[] = rows
    .filter((r) => r.controls && Object.keys(r.controls).length > 0)
    .map((r) => {
      const controls = Object.keys(r.controls ?? {}).sort();
      const view = current.get(r.id);
      return {
        scanId: r.id,
        takenAt: r.takenAt.toISOString(),
        environment: r.environment,
        rates: controls.map((control) =>
          view
            ? controlRate(view, control)
            : rateOfCounts(control, r.controls?.[control] ?? { pass: 0, fail: 0, waived: 0, "n/a": 0 }),
        ),
      };
    });

  return {
    entries,
    policies: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)),
    history,
    environments: [...latest.keys()].sort(),
  };
}

export type PolicyOverview = Awaited<ReturnType<typeof findPolicyOverview>>;
