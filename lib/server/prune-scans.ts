import "server-only";
import { z } from "zod";
import { SYSTEM } from "./actor";
import { getDb } from "./db";
import { recomputeComponentRuns, runsToRecompute } from "./store-component-runs";
import { writeAudit } from "./write-audit";

/** The audit action of a prune; findReport counts the scans it lists in their periods' "scans in the period". */
export const PRUNE_ACTION = "scan.prune";

/** What a prune removed from one environment, as audited: enough to count them in reports later. */
export type PrunedScans = {
  environmentId: string;
  environment: string;
  scans: { id: string; takenAt: string }[];
};

const DAY = 86_400_000;

/** RAMPART_RETENTION_DAYS: scans older than this many days are pruned; unset or empty keeps every scan. */
export function retentionDaysFromEnv(env: Record<string, string | undefined> = process.env): number | null {
  const raw = env.RAMPART_RETENTION_DAYS?.trim();
  if (!raw) return null;
  const parsed = z.coerce.number().int().min(1).max(36_500).safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `Invalid environment variable RAMPART_RETENTION_DAYS: "${raw}" is not a whole number of days (1-36500)`,
    );
  return parsed.data;
}

type Range = { start: Date; end: Date }; // end exclusive

/** A UTC calendar month per scan: the periods of a program without a roadmap. */
function monthOf(at: Date): Range {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  return { start, end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)) };
}

/**
 * The scans of one environment (in time order) that the policy keeps: every scan of the last `days` days, the
 * latest two, and for every period and phase (calendar months without a roadmap) its first and last scan and the last
 * scan before it starts, which are the scans a period's report compares. So every report of a period reads the
 * same scans after a prune as before.
 */
export function scansToKeep(
  scans: readonly { id: string; takenAt: Date }[],
  ranges: readonly Range[],
  cutoff: Date,
): Set<string> {
  const keep = new Set<string>();
  // The latest two: a program without a roadmap reports them by default.
  for (const scan of scans.slice(-2)) keep.add(scan.id);
  for (const scan of scans) if (scan.takenAt >= cutoff) keep.add(scan.id);
  const all = ranges.length ? ranges : scans.map((s) => monthOf(s.takenAt));
  for (const { start, end } of all) {
    const inside = scans.filter((s) => s.takenAt >= start && s.takenAt < end);
    if (inside.length) {
      keep.add(inside[0].id);
      keep.add(inside[inside.length - 1].id);
    }
    const before = scans.filter((s) => s.takenAt < start).at(-1);
    if (before) keep.add(before.id);
  }
  return keep;
}

/**
 * Applies the retention policy to every program: deletes (with their results) the scans older than `days` that
 * scansToKeep does not keep, one transaction and one audit entry per environment that lost scans. `dryRun`
 * only says what would go; `projectSlug` limits it to one program. Returns what was (or would be) pruned.
 */
export async function pruneScans({
  days,
  now = new Date(),
  dryRun = false,
  projectSlug,
}: {
  days: number;
  now?: Date;
  dryRun?: boolean;
  projectSlug?: string;
}): Promise<PrunedScans[]> {
  const db = await getDb();
  const cutoff = new Date(now.getTime() - days * DAY);
  const projects = await db.project.findMany({
    where: projectSlug === undefined ? {} : { slug: projectSlug },
    select: {
      id: true,
      environments: { select: { id: true, name: true } },
      phases: {
        select: { startsOn: true, endsOn: true, periods: { select: { startsOn: true, endsOn: true } } },
      },
    },
  });
  const pruned: PrunedScans[] = [];
  for (const project of projects) {
    const ranges = project.phases.flatMap((phase) =>
      [phase, ...phase.periods].map((r) => ({ start: r.startsOn, end: new Date(r.endsOn.getTime() + DAY) })),
    );
    for (const environment of project.environments) {
      const result = await db.$transaction(
        async (tx) => {
          // Two servers pruning at once (replicas starting together) must not audit the same scans twice.
          await tx.$executeRawUnsafe(
            `SELECT pg_advisory_xact_lock(hashtext('rampart-prune'), hashtext($1))`,
            environment.id,
          );
          const scans = await tx.scan.findMany({
            where: { environmentId: environment.id },
            orderBy: [{ takenAt: "asc" }, { createdAt: "asc" }],
            select: { id: true, takenAt: true },
          });
          const keep = scansToKeep(scans, ranges, cutoff);
          const gone = scans.filter((s) => !keep.has(s.id));
          if (gone.length === 0 || dryRun) return gone;
          // The runs (ComponentRun) of the components they saw, from the run before the first one gone on.
          const runs = await runsToRecompute(
            tx,
            gone.map((s) => s.id),
          );
          await tx.scan.deleteMany({ where: { id: { in: gone.map((s) => s.id) } } });
          await recomputeComponentRuns(tx, runs);
          const entry: PrunedScans = {
            environmentId: environment.id,
            environment: environment.name,
            scans: gone.map((s) => ({ id: s.id, takenAt: s.takenAt.toISOString() })),
          };
          await writeAudit(tx, SYSTEM, {
            projectId: project.id,
            action: PRUNE_ACTION,
            target: `environment ${environment.name}`,
            after: { ...entry, retentionDays: days, kept: scans.length - gone.length },
          });
          return gone;
        },
        { timeout: 120_000 },
      );
      if (result.length)
        pruned.push({
          environmentId: environment.id,
          environment: environment.name,
          scans: result.map((s) => ({ id: s.id, takenAt: s.takenAt.toISOString() })),
        });
    }
  }
  return pruned;
}
