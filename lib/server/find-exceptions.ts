import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { CONTROLS_BY_ID } from "@/lib/scanner";
import type { Actor } from "./actor";
import { isStoredExceptionActive, isStoredWaiver, storedExceptionCovers } from "./apply-stored-exceptions";
import { getDb } from "./db";
import { exceptionView } from "./find-exception";
import { loadScanView, type ScanViewWorkload } from "./load-scan-view";
import { requireProject } from "./require-project";

const DAY_MS = 86_400_000;
/** An active exception that ends within this many days is flagged as expiring. */
export const EXPIRING_WITHIN_DAYS = 14;

export type ExceptionState = "active" | "expiring" | "expired";
export type ExceptionComponent = {
  componentId: string;
  kind: string;
  namespace: string;
  name: string;
  environment: string;
  /** The control's status for this component in its environment's latest scan, as the dashboard shows it now. */
  status: string;
};
type FileWaiver = {
  selector?: { kind?: string; namespace?: string; name?: string; labels?: Record<string, string> };
  justification?: string;
  owner?: string;
  expires?: string;
};

/** Expiry state at `now` and the whole days left (null: never expires). */
function expiryOf(expires: string | null, now: Date): { state: ExceptionState; daysLeft: number | null } {
  if (!expires) return { state: "active", daysLeft: null };
  const end = Date.parse(`${expires}T00:00:00Z`) + DAY_MS;
  const daysLeft = Math.ceil((end - now.getTime()) / DAY_MS) - 1;
  if (end <= now.getTime()) return { state: "expired", daysLeft };
  return { state: daysLeft < EXPIRING_WITHIN_DAYS ? "expiring" : "active", daysLeft };
}

/**
 * The program's documented exceptions, for the exceptions page and GET …/exceptions:
 * - `stored`: those kept in Rampart (added in the app or through the API, or imported with the program, e.g. the
 *   demo's examples/maestro/exceptions.yaml), with their expiry state and, per matching component of each
 *   environment's latest scan, the control's status now (waived by this exception, failing, passing…);
 * - `fromScans`: waivers recorded by the latest scans from their own exceptions file (`rampart scan
 *   --exceptions`), which live in that file and change only with the next scan, expired ones included.
 */
export async function findExceptions(actor: Actor, projectSlug: string) {
  const access = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const now = new Date();
  const [rows, environments] = await Promise.all([
    db.exception.findMany({
      where: { projectId: access.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { environment: { select: { name: true } } },
    }),
    db.environment.findMany({ where: { projectId: access.id }, orderBy: { name: "asc" } }),
  ]);
  const latest = (
    await Promise.all(
      environments.map(async (environment) => {
        const scan = await db.scan.findFirst({
          where: { environmentId: environment.id },
          orderBy: { takenAt: "desc" },
          select: { id: true, takenAt: true },
        });
        return scan && { environment, scan };
      }),
    )
  ).filter((x) => x !== null);
  const views = await Promise.all(
    latest.map(async (l) => ({
      ...l,
      view: await loadScanView(access.id, l.scan.id, { exceptionsAt: now }),
    })),
  );

  const stored = rows.map((row) => {
    const view = exceptionView(row);
    const components: ExceptionComponent[] = views.flatMap(({ environment, view: scan }) =>
      (scan.workloads as ScanViewWorkload[]).flatMap((w) => {
        const result = w.controls[row.controlId];
        if (!result || !storedExceptionCovers(row, { ...w, environmentId: environment.id })) return [];
        const byThis = isStoredWaiver(result.exception) && result.exception.exceptionId === row.id;
        return [
          {
            componentId: w.componentId,
            kind: w.kind,
            namespace: w.namespace,
            name: w.name,
            environment: environment.name,
            status: result.status === "waived" && !byThis ? "waived by another exception" : result.status,
          },
        ];
      }),
    );
    return {
      ...view,
      controlTitle: CONTROLS_BY_ID.get(row.controlId)?.title ?? row.controlId,
      ...expiryOf(view.expires, now),
      active: isStoredExceptionActive(row, now),
      components,
    };
  });

  // Waivers (and expired waivers) that the latest scans carry from their own exceptions file.
  const recorded = latest.length
    ? await db.controlResult.findMany({
        where: {
          scanId: { in: latest.map((l) => l.scan.id) },
          OR: [{ status: "waived" }, { expiredException: { not: Prisma.AnyNull } }],
        },
        select: {
          scanId: true,
          controlId: true,
          status: true,
          exception: true,
          expiredException: true,
          component: { select: { id: true, kind: true, namespace: true, name: true } },
        },
      })
    : [];
  const groups = new Map<
    string,
    {
      key: string;
      environment: string;
      scanId: string;
      takenAt: string;
      control: string;
      controlTitle: string;
      selector: FileWaiver["selector"];
      justification: string;
      owner: string;
      expires: string | null;
      state: ExceptionState;
      daysLeft: number | null;
      components: ExceptionComponent[];
    }
  >();
  for (const r of recorded) {
    const fromFile = r.status === "waived" && !isStoredWaiver(r.exception) ? r.exception : null;
    const waiver = (fromFile ?? r.expiredException) as FileWaiver | null;
    if (!waiver) continue;
    const { environment, scan } = latest.find((l) => l.scan.id === r.scanId) ?? latest[0];
    const key = JSON.stringify([
      environment.name,
      r.controlId,
      waiver.selector ?? {},
      waiver.justification,
      waiver.owner,
      waiver.expires ?? null,
    ]);
    let group = groups.get(key);
    if (!group) {
      const expires = waiver.expires ?? null;
      group = {
        key,
        environment: environment.name,
        scanId: scan.id,
        takenAt: scan.takenAt.toISOString(),
        control: r.controlId,
        controlTitle: CONTROLS_BY_ID.get(r.controlId)?.title ?? r.controlId,
        selector: waiver.selector ?? {},
        justification: waiver.justification ?? "",
        owner: waiver.owner ?? "",
        expires,
        ...expiryOf(expires, now),
        components: [],
      };
      groups.set(key, group);
    }
    group.components.push({
      componentId: r.component.id,
      kind: r.component.kind,
      namespace: r.component.namespace,
      name: r.component.name,
      environment: environment.name,
      status: fromFile ? "waived" : "fail",
    });
  }
  return {
    environments: environments.map((e) => e.name),
    expiringWithinDays: EXPIRING_WITHIN_DAYS,
    stored,
    fromScans: [...groups.values()],
  };
}

export type ExceptionsData = Awaited<ReturnType<typeof findExceptions>>;
export type StoredExceptionItem = ExceptionsData["stored"][number];
export type ScanExceptionItem = ExceptionsData["fromScans"][number];
