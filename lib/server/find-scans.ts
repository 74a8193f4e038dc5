import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import { getDb } from "./db";
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
  const db = await getDb();
  return db.scan.findMany({
    where: {
      projectId: project.id,
      ...(options.environment ? { environment: { name: options.environment } } : {}),
    },
    orderBy: { takenAt: "desc" },
    take: options.take ?? 200,
    select: options.summary === false ? SCAN_ROW : SCAN_FACTS,
  });
}
