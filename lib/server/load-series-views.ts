import "server-only";
import type { NamespaceSummary } from "@/lib/scanner";
import { getDb } from "./db";
import { type ScanView, type ScanViewWorkload, withIdentities } from "./load-scan-view";
import { storeScanAggregates } from "./store-scan-aggregates";

const STATUS = { pass: "pass", fail: "fail", waived: "waived", na: "n/a" } as const;

type Row = {
  id: string;
  environmentId: string;
  takenAt: Date;
  namespaces: NamespaceSummary[];
  aggregated: boolean;
  /** Null for a scan of no workloads (jsonb_agg of nothing) or without its aggregate yet. */
  components: Entry[] | null;
  /** The other objects with policy results (ScanAggregate.resources), likewise; `p` is null. */
  resources: Entry[] | null;
};

type Entry = { c: string; f: string; g: string; p: string; s: Record<string, keyof typeof STATUS> };

/** An aggregate's list of entries (components or resources) with only the results of the controls in $3. */
const cutDown = (list: string) => `
        (SELECT jsonb_agg(jsonb_build_object('c', e.v->'c', 'f', e.v->'f', 'g', e.v->'g', 'p', e.v->'p',
            's', (SELECT COALESCE(jsonb_object_agg(k, e.v->'s'->k), '{}'::jsonb) FROM unnest($3::text[]) k
                  WHERE e.v->'s' ? k))
          ORDER BY e.n)
         FROM jsonb_array_elements(a.${list}) WITH ORDINALITY AS e(v, n))`;

/**
 * Stored views (history as recorded, no exceptions applied) of many scans of a project at once, with only
 * `controls`' results: what the trend and burn-up charts read of each scan of a series. One query for the whole
 * series, which the database cuts down to those controls (not 100 × 13,500 results, nor 100 whole aggregates).
 * Categories are as scanned and features are left out: the series reads statuses only.
 */
function statusesOf(e: Entry): ScanViewWorkload["controls"] {
  const statuses: ScanViewWorkload["controls"] = {};
  for (const [controlId, status] of Object.entries(e.s))
    statuses[controlId] = { status: STATUS[status], exception: null };
  return statuses;
}

export async function loadSeriesViews(
  projectId: string,
  scanIds: readonly string[],
  controls: readonly string[],
): Promise<Map<string, ScanView>> {
  const db = await getDb();
  const read = () =>
    db.$queryRawUnsafe<Row[]>(
      `SELECT s.id, s."environmentId", s."takenAt", s.namespaces, a."scanId" IS NOT NULL AS aggregated,
        ${cutDown("components")} AS components, ${cutDown("resources")} AS resources
       FROM "Scan" s LEFT JOIN "ScanAggregate" a ON a."scanId" = s.id
       WHERE s."projectId" = $1 AND s.id = ANY($2::text[])`,
      projectId,
      [...scanIds],
      [...controls],
    );
  let rows = await read();
  const missing = rows.filter((r) => !r.aggregated);
  if (missing.length > 0) {
    // Scans the start-up backfill has not reached yet.
    for (const r of missing) await storeScanAggregates(db, r.id);
    rows = await read();
  }
  const componentIds = [
    ...new Set(rows.flatMap((r) => [...(r.components ?? []), ...(r.resources ?? [])].map((e) => e.c))),
  ];
  const identities = await db.component.findMany({
    where: { id: { in: componentIds } },
    select: { id: true, kind: true, namespace: true, name: true },
  });
  const identity = new Map(identities.map(({ id, ...rest }) => [id, rest]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        environmentId: r.environmentId,
        takenAt: new Date(r.takenAt),
        namespaces: r.namespaces,
        workloads: withIdentities(r.components ?? [], identity, (e, component) => ({
          ...component,
          componentId: e.c,
          file: e.f,
          category: e.g,
          pattern: e.p,
          controls: statusesOf(e),
        })),
        resources: withIdentities(r.resources ?? [], identity, (e, component) => ({
          ...component,
          componentId: e.c,
          file: e.f,
          category: e.g,
          controls: statusesOf(e),
        })),
      },
    ]),
  );
}
