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

/**
 * A scanned object that is not a workload (a ScanResource row: a Namespace, a Service, a Role...) with its custom
 * controls' results (`vap:<policy>`, a tool's own `<tool>:<policy>[/<rule>]`): status counts, and every result that
 * is not a pass with its message.
 */
export type ScanDetailResource = Omit<ScanDetailWorkload, "pattern"> & {
  apiVersion: string;
  results: { control: string; status: "fail" | "waived" | "na"; message: string }[];
};

/**
 * One scan of a project with its stored summary, errors, notes, other findings, workloads' status counts, and
 * the other objects' results.
 */
export async function findScan(actor: Actor, projectSlug: string, scanId: string) {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const scan = await db.scan.findFirst({
    where: { id: scanId, projectId: project.id },
    select: { ...SCAN_FACTS, errors: true, notes: true, otherFindings: true, environmentId: true },
  });
  if (!scan) throw new NotFoundError(`scan "${scanId}"`);
  const [workloads, resources, notPassing, counts] = await Promise.all([
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
    db.scanResource.findMany({
      where: { scanId: scan.id },
      select: {
        componentId: true,
        apiVersion: true,
        file: true,
        category: true,
        component: { select: { kind: true, namespace: true, name: true, categoryManual: true } },
      },
    }),
    db.$queryRaw<
      { componentId: string; controlId: string; status: "fail" | "waived" | "na"; message: string }[]
    >`
      SELECT r."componentId", r."controlId", r.status::text AS status, r.message
      FROM "ControlResult" r
      JOIN "ScanResource" o ON o."scanId" = r."scanId" AND o."componentId" = r."componentId"
      WHERE r."scanId" = ${scan.id} AND r.status <> 'pass'
      ORDER BY r."componentId", r."controlId"`,
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
  const others = new Map<string, ScanDetailResource>();
  for (const r of resources) {
    others.set(r.componentId, {
      componentId: r.componentId,
      kind: r.component.kind,
      apiVersion: r.apiVersion,
      namespace: r.component.namespace,
      name: r.component.name,
      file: r.file,
      category: r.component.categoryManual ?? r.category,
      pass: 0,
      fail: 0,
      waived: 0,
      na: 0,
      results: [],
    });
  }
  for (const c of counts) {
    const row = rows.get(c.componentId) ?? others.get(c.componentId);
    if (!row) continue;
    row[c.status] += c._count._all;
  }
  for (const r of notPassing)
    others.get(r.componentId)?.results.push({ control: r.controlId, status: r.status, message: r.message });
  const byFailures = (
    a: ScanDetailWorkload | ScanDetailResource,
    b: ScanDetailWorkload | ScanDetailResource,
  ) =>
    b.fail - a.fail ||
    a.namespace.localeCompare(b.namespace) ||
    a.kind.localeCompare(b.kind) ||
    a.name.localeCompare(b.name);
  const { summary, errors, notes, otherFindings, ...rest } = scan;
  // Custom controls (built-in ids hold no ":"): their catalog rows say what they are (a tool's title, severity).
  const custom = Object.keys((summary as ScanResult["summary"] | null)?.controls ?? {}).filter((id) =>
    id.includes(":"),
  );
  const catalog =
    custom.length === 0
      ? []
      : await db.control.findMany({
          where: { id: { in: custom } },
          select: { id: true, title: true, severity: true, category: true },
        });
  return {
    ...rest,
    summary: summary as ScanResult["summary"],
    /** The catalog rows of the custom controls the scan holds (`vap:*`, a tool's own), by id. */
    customControls: Object.fromEntries(catalog.map(({ id, ...row }) => [id, row])),
    errors: (errors ?? []) as ScanIssue[],
    notes: (notes ?? []) as ScanIssue[],
    otherFindings: (otherFindings ?? []) as OtherFinding[],
    workloads: [...rows.values()].sort(
      (a, b) => b.fail - a.fail || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    ),
    resources: [...others.values()].sort(byFailures),
  };
}
