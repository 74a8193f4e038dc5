import "server-only";
import type { OtherFinding } from "@/lib/importers/types";
import type { ScanIssue, ScanResult } from "@/lib/scanner";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { SCAN_FACTS } from "./find-scans";
import { requireProject } from "./require-project";

export type ScanDetail = Awaited<ReturnType<typeof findScan>>;

export type ScanDetailWorkload = {
  componentId: string;
  kind: string;
  namespace: string;
  name: string;
  file: string;
  category: string;
  pattern: string;
  pass: number;
  fail: number;
  waived: number;
  na: number;
};

/** One scan of a project with its stored summary, errors, notes, other findings and workloads' status counts. */
export async function findScan(actor: Actor, projectSlug: string, scanId: string) {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const scan = await db.scan.findFirst({
    where: { id: scanId, projectId: project.id },
    select: { ...SCAN_FACTS, errors: true, notes: true, otherFindings: true, environmentId: true },
  });
  if (!scan) throw new NotFoundError(`scan "${scanId}"`);
  const [workloads, counts] = await Promise.all([
    db.scanWorkload.findMany({
      where: { scanId: scan.id },
      select: {
        componentId: true,
        file: true,
        category: true,
        pattern: true,
        component: { select: { kind: true, namespace: true, name: true, categoryManual: true } },
      },
    }),
    db.controlResult.groupBy({
      by: ["componentId", "status"],
      where: { scanId: scan.id },
      _count: { _all: true },
    }),
  ]);
  const rows = new Map<string, ScanDetailWorkload>();
  for (const w of workloads) {
    rows.set(w.componentId, {
      componentId: w.componentId,
      kind: w.component.kind,
      namespace: w.component.namespace,
      name: w.component.name,
      file: w.file,
      category: w.component.categoryManual ?? w.category,
      pattern: w.pattern,
      pass: 0,
      fail: 0,
      waived: 0,
      na: 0,
    });
  }
  for (const c of counts) {
    const row = rows.get(c.componentId);
    if (!row) continue;
    row[c.status] += c._count._all;
  }
  const { summary, errors, notes, otherFindings, ...rest } = scan;
  return {
    ...rest,
    summary: summary as ScanResult["summary"],
    errors: (errors ?? []) as ScanIssue[],
    notes: (notes ?? []) as ScanIssue[],
    otherFindings: (otherFindings ?? []) as OtherFinding[],
    workloads: [...rows.values()].sort(
      (a, b) => b.fail - a.fail || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    ),
  };
}
