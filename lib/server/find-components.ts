import "server-only";
import type { MetricControlResult } from "@/lib/metrics";
import { remediationFor } from "@/lib/scanner/remediation";
import type { Actor } from "./actor";
import { currentResult, isStoredExceptionActive, storedExceptionCovers } from "./apply-stored-exceptions";
import { findComponentIndex } from "./component-table";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { requireProject } from "./require-project";

/** One component of a scan, as ComponentTable shows it. */
export type ComponentListRow = {
  componentId: string;
  kind: string;
  namespace: string;
  name: string;
  category: string;
  pattern: string;
  pssLevel: string | null;
  features: unknown;
  /**
   * The controls the component fails or that an exception waives (with it): all the table reads. Passing and not
   * applicable ones are left out, as 500 components × 27 controls of them made the page's payload megabytes.
   */
  controls: Record<string, MetricControlResult>;
  /** Controls the component fails (current view: stored exceptions waive). */
  failing: string[];
  /** At least one control is waived by a documented exception. */
  hasException: boolean;
};

/**
 * The components of the latest scan of an environment (default production, or the first), as ComponentTable rows:
 * current view (stored exceptions active now waive failures), with each workload's PSS level. The components page
 * reads one page of them (findComponentPage); these rows are kept per scan and view state (component-table.ts).
 */
export async function findComponents(actor: Actor, projectSlug: string, environment?: string) {
  const { index, ...source } = await findComponentIndex(actor, projectSlug, { environment });
  return { ...source, rows: index ? index.rows.slice() : [] };
}

export type ContainerResult = { name: string; status: "pass" | "fail" | "n/a"; message: string };
export type ContainerInfo = { name: string; type?: string; image?: string };

/**
 * One component for its page: the latest scan that saw it (workload facts, containers, features), each control's
 * result there in the current view with the stored message, per-container outcomes and the control's remediation,
 * and the stored exceptions that apply to it. Its history across scans is findComponentHistory.
 */
export async function findComponent(actor: Actor, projectSlug: string, componentId: string) {
  const access = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const component = await db.component.findFirst({
    where: { id: componentId, projectId: access.id },
    select: {
      id: true,
      kind: true,
      namespace: true,
      name: true,
      category: true,
      categoryManual: true,
      environmentId: true,
      environment: { select: { name: true } },
    },
  });
  if (!component) throw new NotFoundError(`component "${componentId}"`);
  // The scan that saw it last: its last run's last scan (one row of ComponentRun's key), not a sort of every scan
  // that ever saw it.
  const last = await db.componentRun.findFirst({
    where: { componentId },
    orderBy: [{ takenAt: "desc" }, { scanId: "desc" }],
    select: { lastScanId: true },
  });
  const workload = last
    ? await db.scanWorkload.findUnique({
        where: { scanId_componentId: { scanId: last.lastScanId, componentId } },
        select: {
          scanId: true,
          file: true,
          line: true,
          category: true,
          pattern: true,
          patternSource: true,
          pssLevel: true,
          containers: true,
          features: true,
          podLabels: true,
          scan: { select: { takenAt: true, gitRef: true } },
        },
      })
    : null;
  const now = new Date();
  const [results, exceptions, latestOfEnvironment] = await Promise.all([
    workload
      ? db.controlResult.findMany({
          where: { scanId: workload.scanId, componentId },
          select: {
            controlId: true,
            status: true,
            message: true,
            containers: true,
            exception: true,
            expiredException: true,
            control: {
              select: { title: true, severity: true, remediation: true, rationale: true, position: true },
            },
          },
          orderBy: { control: { position: "asc" } },
        })
      : Promise.resolve([]),
    db.exception.findMany({
      where: { projectId: access.id },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        environmentId: true,
        selectorKind: true,
        selectorNamespace: true,
        selectorName: true,
        controlId: true,
        justification: true,
        owner: true,
        expiresAt: true,
      },
    }),
    db.scan.findFirst({
      where: { environmentId: component.environmentId },
      orderBy: { takenAt: "desc" },
      select: { id: true },
    }),
  ]);
  const identity = {
    environmentId: component.environmentId,
    kind: component.kind,
    namespace: component.namespace,
    name: component.name,
  };
  const replicas = (workload?.features as { replicas?: unknown } | null)?.replicas;
  const remediationTarget = workload && {
    kind: component.kind,
    namespace: component.namespace,
    name: component.name,
    podLabels: (workload.podLabels ?? {}) as Record<string, string>,
    replicas: typeof replicas === "number" ? replicas : undefined,
  };
  const STATUS = { pass: "pass", fail: "fail", waived: "waived", na: "n/a" } as const;
  const controls = results.map((r) => {
    const { status, exception } = currentResult(
      {
        status: STATUS[r.status],
        exception: r.exception as { justification?: string; owner?: string; expires?: string } | null,
      },
      exceptions,
      identity,
      r.controlId,
      now,
    );
    return {
      controlId: r.controlId,
      title: r.control.title,
      severity: r.control.severity,
      rationale: r.control.rationale,
      // Written for this component (its namespace, name, pod labels and replicas) where the fix is a whole object.
      remediation: remediationTarget
        ? (remediationFor(r.controlId, remediationTarget) ?? r.control.remediation)
        : r.control.remediation,
      status,
      message: r.message,
      containers: (Array.isArray(r.containers) ? r.containers : []) as ContainerResult[],
      exception,
      expiredException: r.expiredException as { justification?: string; expires?: string } | null,
    };
  });
  const applicable = exceptions.filter((e) => storedExceptionCovers(e, identity));
  const { categoryManual, environment, ...rest } = component;
  return {
    component: { ...rest, category: categoryManual ?? workload?.category ?? component.category },
    environment: environment.name,
    /** False when the environment's latest scan no longer has this component (removed). */
    inLatestScan: workload !== null && latestOfEnvironment?.id === workload.scanId,
    workload: workload && {
      scanId: workload.scanId,
      takenAt: workload.scan.takenAt,
      gitRef: workload.scan.gitRef,
      file: workload.file,
      line: workload.line,
      pattern: workload.pattern,
      patternSource: workload.patternSource,
      pssLevel: workload.pssLevel,
      containers: (Array.isArray(workload.containers) ? workload.containers : []) as ContainerInfo[],
      features: workload.features,
    },
    controls,
    exceptions: applicable.map((e) => ({
      ...e,
      active: isStoredExceptionActive(e, now),
    })),
  };
}
