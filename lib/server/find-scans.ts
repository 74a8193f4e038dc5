import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import { cachePromises } from "./cache-promises";
import { getDb } from "./db";
import { derivedKey, readProgramVersions } from "./program-versions";
import { requireProject } from "./require-project";

/** What a list row, and the head of a scan's page, show of a scan. */
export const SCAN_FACTS = {
  id: true,
  takenAt: true,
  createdAt: true,
  source: true,
  tool: true,
  toolVersion: true,
  gitRef: true,
  gitCommit: true,
  message: true,
  partialEvidence: true,
  evidence: true,
  workloadCount: true,
  errorCount: true,
  summary: true,
  environment: { select: { name: true } },
} as const satisfies Prisma.ScanSelect;

/** A list row as the pages show it: the facts without the summary (per-control counts no list shows). */
const { summary: _summary, ...SCAN_ROW } = SCAN_FACTS;

type ScanFacts = Prisma.ScanGetPayload<{ select: typeof SCAN_FACTS }>;
export type ScanListItem = Omit<ScanFacts, "summary">;

/**
 * A project's scans, newest first, optionally of one environment; with `summary: false` without each scan's
 * summary (the pages' lists: 200 summaries were most of the bytes read).
 */
export async function findScans(
  actor: Actor,
  projectSlug: string,
  options: { environment?: string; take?: number; summary: false },
): Promise<ScanListItem[]>;
export async function findScans(
  actor: Actor,
  projectSlug: string,
  options?: { environment?: string; take?: number; summary?: true },
): Promise<ScanFacts[]>;
export async function findScans(
  actor: Actor,
  projectSlug: string,
  options: { environment?: string; take?: number; summary?: boolean } = {},
): Promise<ScanListItem[]> {
  const project = await requireProject(actor, projectSlug, "read");
  const versions = await readProgramVersions(project.id);
  const parameters = ["scans", options.environment ?? null, options.take ?? 200, options.summary !== false];
  return cachedLists(derivedKey(project.id, versions, parameters), async () =>
    (await getDb()).scan.findMany({
      where: {
        projectId: project.id,
        ...(options.environment ? { environment: { name: options.environment } } : {}),
      },
      orderBy: { takenAt: "desc" },
      take: options.take ?? 200,
      select: options.summary === false ? SCAN_ROW : SCAN_FACTS,
    }),
  );
}

/**
 * Scan lists by derivedKey (the project's versions and the list's parameters): a stored scan never changes, the set
 * of a project's scans is in the versions (an ingest, deletion or prune changes its digest), and renaming an
 * environment bumps the program version, so equal keys mean equal lists in any server process. Never mutated.
 */
const cachedLists = cachePromises<ScanListItem[]>(64);
const cachedPages = cachePromises<ScanPage>(64);

/** Scans one page of the scans page's history shows. */
export const SCAN_PAGE_SIZE = 50;

/** The `page` query parameter (1-based): anything but a whole number from 1 up is the first page. */
export function parseScanPage(value: string | null | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

export type ScanPage = {
  /** The project's environments that hold scans, by name. */
  environments: string[];
  /** The environment listed: the one asked for if it holds scans, else production, else the first. */
  environment: string | null;
  /** This page's scans of the environment, newest first. */
  scans: ScanListItem[];
  /** Scans of the environment over all pages (a COUNT). */
  total: number;
  /** The page shown: the one asked for, or the last one when it is past the end. */
  page: number;
  pageCount: number;
  size: number;
  /**
   * What the compare form offers besides this page's scans: the environment's latest two (its default comparison)
   * and the scans named by `pick` that are of this environment (ids of other environments or projects are ignored).
   */
  picks: ScanListItem[];
};

const NEWEST_FIRST = [
  { takenAt: "desc" },
  { id: "desc" },
] as const satisfies Prisma.ScanOrderByWithRelationInput[];

/**
 * One page of an environment's scan history (the scans page): a COUNT and one page of rows, never the whole
 * history, so the page costs the same at 100 or 400 scans. A page past the end is the last page.
 */
export async function findScanPage(
  actor: Actor,
  projectSlug: string,
  options: { environment?: string; page?: number; size?: number; pick?: readonly string[] } = {},
): Promise<ScanPage> {
  const project = await requireProject(actor, projectSlug, "read");
  const versions = await readProgramVersions(project.id);
  const size = options.size ?? SCAN_PAGE_SIZE;
  const asked = Math.max(1, Math.floor(options.page ?? 1));
  const pick = [...new Set(options.pick ?? [])].filter((id) => id.length > 0 && id.length <= 100);
  const parameters = ["page", options.environment ?? null, size, asked, pick];
  return cachedPages(derivedKey(project.id, versions, parameters), () =>
    readScanPage(project.id, options.environment, size, asked, pick),
  );
}

async function readScanPage(
  projectId: string,
  requested: string | undefined,
  size: number,
  asked: number,
  pick: string[],
): Promise<ScanPage> {
  const project = { id: projectId };
  const db = await getDb();
  const environments = await db.environment.findMany({
    where: { projectId: project.id, scans: { some: {} } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  const names = environments.map((e) => e.name);
  const chosen =
    requested && names.includes(requested)
      ? requested
      : names.includes("production")
        ? "production"
        : (names[0] ?? null);
  const env = environments.find((e) => e.name === chosen);
  if (!env) {
    return {
      environments: names,
      environment: null,
      scans: [],
      total: 0,
      page: 1,
      pageCount: 1,
      size,
      picks: [],
    };
  }
  const where = { projectId: project.id, environmentId: env.id };
  const rowsOf = (page: number) =>
    db.scan.findMany({ where, orderBy: NEWEST_FIRST, skip: (page - 1) * size, take: size, select: SCAN_ROW });
  const [total, firstTry, latest, picked] = await Promise.all([
    db.scan.count({ where }),
    // The page asked for, read beside the count (one round trip); past the end it is empty and the last page is
    // read after. An offset beyond 32 bits is not sent to the database at all.
    (asked - 1) * size < 2 ** 31 ? rowsOf(asked) : Promise.resolve([]),
    db.scan.findMany({ where, orderBy: NEWEST_FIRST, take: 2, select: SCAN_ROW }),
    pick.length > 0
      ? db.scan.findMany({ where: { ...where, id: { in: pick } }, orderBy: NEWEST_FIRST, select: SCAN_ROW })
      : Promise.resolve([]),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / size));
  const page = Math.min(asked, pageCount);
  const scans = page === asked ? firstTry : await rowsOf(page);
  const picks = [...latest, ...picked.filter((s) => !latest.some((l) => l.id === s.id))];
  return { environments: names, environment: chosen, scans, total, page, pageCount, size, picks };
}
