import "server-only";
import type { NamespaceSummary } from "@/lib/scanner";
import { getDb } from "./db";
import type { ScanView, ScanViewWorkload } from "./load-scan-view";
import { storeScanAggregates } from "./store-scan-aggregates";

const STATUS = { pass: "pass", fail: "fail", waived: "waived", na: "n/a" } as const;

type Row = {
  id: string;
  environmentId: string;
  takenAt: Date;
  namespaces: NamespaceSummary[];
  aggregated: boolean;
  /** Null for a scan of no workloads (jsonb_agg of nothing) or without its aggregate yet. */
  components: { c: string; f: string; g: string; p: string; s: Record<string, keyof typeof STATUS> }[] | null;
};

/**
 * Stored views (history as recorded, no exceptions applied) of many scans of a project at once, with only
 * `controls`' results: what the trend and burn-up charts read of each scan of a series. One query for the whole
 * series, which the database cuts down to those controls (not 100 × 13,500 results, nor 100 whole aggregates).
 * Categories are as scanned and features are left out: the series reads statuses only.
 */
export async function loadSeriesViews(
  projectId: string,
  scanIds: readonly string[],
  controls: readonly string[],
): Promise<Map<string, ScanView>> {
  const db = await getDb();
  const read = () =>
    db.$queryRawUnsafe<Row[]>(
      `SELECT s.id, s."environmentId", s."takenAt", s.namespaces, a."scanId" IS NOT NULL AS aggregated,
        (SELECT jsonb_agg(jsonb_build_object('c', e.v->'c', 'f', e.v->'f', 'g', e.v->'g', 'p', e.v->'p',
            's', (SELECT COALESCE(jsonb_object_agg(k, e.v->'s'->k), '{}'::jsonb) FROM unnest($3::text[]) k
                  WHERE e.v->'s' ? k))
          ORDER BY e.n)
         FROM jsonb_array_elements(a.components) WITH ORDINALITY AS e(v, n)) AS components
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
  const componentIds = [...new Set(rows.flatMap((r) => (r.components ?? []).map((e) => e.c)))];
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
        workloads: (r.components ?? []).flatMap((e): ScanViewWorkload[] => {
          const component = identity.get(e.c);
          if (!component) return [];
          const statuses: ScanViewWorkload["controls"] = {};
          for (const [controlId, status] of Object.entries(e.s)) {
            statuses[controlId] = { status: STATUS[status], exception: null };
          }
          return [
            { ...component, componentId: e.c, file: e.f, category: e.g, pattern: e.p, controls: statuses },
          ];
        }),
      },
    ]),
  );
}
