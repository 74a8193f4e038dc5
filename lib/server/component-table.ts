import "server-only";
import { createHash } from "node:crypto";
import {
  type ComponentFilters,
  type ComponentPaging,
  indexRows,
  PAGE_SIZE,
  pageOfIndex,
  type RowIndex,
} from "@/components/dashboard/component-filters";
import type { Actor } from "./actor";
import { cachePromises } from "./cache-promises";
import { getDb } from "./db";
import type { ComponentListRow } from "./find-components";
import { loadScanView, type ScanViewWorkload } from "./load-scan-view";
import { derivedKey, readProgramVersions } from "./program-versions";
import { requireProject } from "./require-project";

const DAY_MS = 86_400_000;

const pickEnvironment = (names: string[], requested?: string) =>
  requested && names.includes(requested)
    ? requested
    : names.includes("production")
      ? "production"
      : (names[0] ?? null);

/**
 * What, besides the scan itself (stored scans never change), decides the rows of its current view, read from the
 * database in the request: the project's exceptions version (every write of a stored exception bumps it in its own
 * transaction), how many stored exceptions have expired by `now` (for a given version, that count tells exactly
 * which are still active: an exception waives through its `expires` day, isStoredExceptionActive), and the
 * categories set by hand in the environment. Equal states mean equal rows, in any server process.
 */
async function readViewState(projectId: string, environmentId: string, now: Date): Promise<string> {
  const db = await getDb();
  const [project, expired, manual] = await Promise.all([
    db.project.findUnique({ where: { id: projectId }, select: { exceptionsVersion: true } }),
    db.exception.count({ where: { projectId, expiresAt: { lte: new Date(now.getTime() - DAY_MS) } } }),
    db.component.findMany({
      where: { environmentId, categoryManual: { not: null } },
      orderBy: { id: "asc" },
      select: { id: true, categoryManual: true },
    }),
  ]);
  const categories = createHash("sha1")
    .update(JSON.stringify(manual.map((c) => [c.id, c.categoryManual])))
    .digest("hex");
  return `${project?.exceptionsVersion ?? -1}:${expired}:${categories}`;
}

/**
 * A scan's component rows, indexed for the table's filters and orders (2,000 components are filtered in one pass
 * and sorted once per order, not per request), by project, scan and view state (readViewState): a write made
 * through any server process changes the key every process reads next. Callers never mutate what it returns.
 */
const componentIndexes = cachePromises<RowIndex<ComponentListRow>>(8);

/** The rows of a scan's current view (stored exceptions active at `now` waive failures), with PSS levels. */
async function computeRows(projectId: string, scanId: string, now: Date): Promise<ComponentListRow[]> {
  const db = await getDb();
  const [view, levels] = await Promise.all([
    loadScanView(projectId, scanId, { exceptionsAt: now }),
    db.scanWorkload.findMany({ where: { scanId }, select: { componentId: true, pssLevel: true } }),
  ]);
  const pss = new Map(levels.map((l) => [l.componentId, l.pssLevel]));
  const workloads: ScanViewWorkload[] = view.workloads;
  return workloads.map((w) => {
    const entries = Object.entries(w.controls);
    return {
      componentId: w.componentId,
      kind: w.kind,
      namespace: w.namespace,
      name: w.name,
      category: w.category,
      pattern: w.pattern,
      pssLevel: pss.get(w.componentId) ?? null,
      features: w.features,
      controls: Object.fromEntries(entries.filter(([, r]) => r.status === "fail" || r.status === "waived")),
      failing: entries.filter(([, r]) => r.status === "fail").map(([id]) => id),
      hasException: entries.some(([, r]) => r.status === "waived"),
    };
  });
}

export type ComponentTableSource = {
  environments: string[];
  environment: string | null;
  scan: { id: string; takenAt: Date; gitRef: string | null } | null;
  /** The latest scan's rows, indexed; null without a scan. */
  index: RowIndex<ComponentListRow> | null;
};

/** The project's environments, the one listed and its latest scan. */
async function readLatest(projectId: string, requested: string | undefined) {
  const db = await getDb();
  const environments = await db.environment.findMany({
    where: { projectId },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  const names = environments.map((e) => e.name);
  const chosen = pickEnvironment(names, requested);
  const env = environments.find((e) => e.name === chosen) ?? null;
  const latest = env
    ? await db.scan.findFirst({
        where: { environmentId: env.id },
        orderBy: [{ takenAt: "desc" }, { id: "desc" }],
        select: { id: true, takenAt: true, gitRef: true },
      })
    : null;
  return { names, chosen, env, latest };
}

/**
 * readLatest by derivedKey: environments change with the program version or with a scan (the scans digest), and
 * the latest scan with the scans digest. Never mutated.
 */
const cachedLatest = cachePromises<Awaited<ReturnType<typeof readLatest>>>(32);

/**
 * The components of the latest scan of an environment (default production, or the first), indexed: current view
 * (stored exceptions active at `now` waive failures), with each workload's PSS level. Per request it reads the
 * environments, the latest scan and the view state; the rows are computed once per scan and state.
 */
export async function findComponentIndex(
  actor: Actor,
  projectSlug: string,
  options: { environment?: string; now?: Date } = {},
): Promise<ComponentTableSource> {
  const access = await requireProject(actor, projectSlug, "read");
  const now = options.now ?? new Date();
  const versions = await readProgramVersions(access.id);
  const { names, chosen, env, latest } = await cachedLatest(
    derivedKey(access.id, versions, ["components", options.environment ?? null]),
    () => readLatest(access.id, options.environment),
  );
  const state = env ? await readViewState(access.id, env.id, now) : "";
  if (!chosen || !latest) return { environments: names, environment: chosen, scan: null, index: null };
  const index = await componentIndexes(`${access.id}:${latest.id}:${state}`, async () =>
    indexRows(await computeRows(access.id, latest.id, now)),
  );
  return { environments: names, environment: chosen, scan: latest, index };
}

/**
 * One page of the components table (the components page): the URL's filters and sort applied to the latest scan's
 * indexed rows; only the page's rows are returned. A page past the end is the last one.
 */
export async function findComponentPage(
  actor: Actor,
  projectSlug: string,
  options: { environment?: string; filters: ComponentFilters; page: number; size?: number; now?: Date },
): Promise<
  Omit<ComponentTableSource, "index"> & { paging: ComponentPaging | null; rows: ComponentListRow[] }
> {
  const { index, ...source } = await findComponentIndex(actor, projectSlug, options);
  if (!index) return { ...source, paging: null, rows: [] };
  const { rows, ...paging } = pageOfIndex(index, options.filters, options.page, options.size ?? PAGE_SIZE);
  return { ...source, paging, rows };
}
