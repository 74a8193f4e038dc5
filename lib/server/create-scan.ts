import { randomUUID } from "node:crypto";
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ToolControl } from "@/lib/importers";
import type { EvidenceKind, ScanSource } from "@/lib/generated/prisma/enums";
import { type ScanResult, type StatusCounts, UNCATEGORISED } from "@/lib/scanner";
import { SCAN_CLOCK_SKEW_MS, type ScanMeta } from "@/lib/validations/ingest";
import type { Actor } from "./actor";
import { findStoredException, waiverJson } from "./apply-stored-exceptions";
import { type BulkColumn, bulkInsert } from "./bulk-insert";
import { getDb } from "./db";
import { ensureCustomControls } from "./ensure-custom-controls";
import { ValidationError } from "./errors";
import { findOrCreateEnvironment } from "./find-or-create-environment";
import { recordIngest } from "./metrics";
import { requireProject } from "./require-project";
import { scanContentKey } from "./scan-content-key";
import { type AggregateEntry, storeIngestedAggregate } from "./store-scan-aggregates";
import { syncControlCatalog } from "./sync-control-catalog";
import { writeAudit } from "./write-audit";

export type CreateScanInput = {
  actor: Actor;
  projectSlug: string;
  meta: ScanMeta;
  /** Validated by ingestScanResultSchema. */
  result: ScanResult;
  /**
   * The tool's own time of the observation (ScanPayload.observedAt): null when an imported format has none,
   * absent to use result.generatedAt (Rampart's scanner). meta.takenAt wins over both.
   */
  observedAt?: string | null;
  source: ScanSource;
  tool?: string;
  toolVersion?: string;
  partialEvidence?: boolean;
  /** Manifests (the default) or a cluster's live state. */
  evidence?: EvidenceKind;
  otherFindings?: unknown[];
  /** What an importer says of the tool's own controls the result holds (their catalog rows' severity, category). */
  controls?: ToolControl[];
  files?: { path: string; sha256: string }[];
  /** Called with each ingest phase's name and duration in ms as it ends (bench:ingest prints them). */
  onPhase?: (phase: string, ms: number) => void;
};

export type CreatedScan = { id: string; environment: string; takenAt: Date; created: boolean };

const STATUS = { pass: "pass", fail: "fail", waived: "waived", "n/a": "na" } as const;

const COMPONENT_COLUMNS: BulkColumn[] = [
  { name: "id", type: "text" },
  { name: "projectId", type: "text" },
  { name: "environmentId", type: "text" },
  { name: "kind", type: "text" },
  { name: "namespace", type: "text" },
  { name: "name", type: "text" },
  { name: "category", type: "text" },
];

/** Where a scanned object stands (ScanWorkload and ScanResource rows begin alike). */
const PLACED_COLUMNS: BulkColumn[] = [
  { name: "scanId", type: "text" },
  { name: "componentId", type: "text" },
  { name: "apiVersion", type: "text" },
  { name: "file", type: "text" },
  { name: "document", type: "integer" },
  { name: "line", type: "integer" },
  { name: "category", type: "text" },
];

const WORKLOAD_COLUMNS: BulkColumn[] = [
  ...PLACED_COLUMNS,
  { name: "pattern", type: "text" },
  { name: "patternSource", type: "text" },
  { name: "pssLevel", type: "text" },
  { name: "labels", type: "jsonb" },
  { name: "podLabels", type: "jsonb" },
  { name: "containers", type: "jsonb" },
  { name: "features", type: "jsonb" },
];

const RESOURCE_COLUMNS: BulkColumn[] = [...PLACED_COLUMNS, { name: "labels", type: "jsonb" }];

const RESULT_COLUMNS: BulkColumn[] = [
  { name: "scanId", type: "text" },
  { name: "componentId", type: "text" },
  { name: "controlId", type: "text" },
  { name: "status", type: "ControlStatus" },
  { name: "message", type: "text" },
  { name: "containers", type: "jsonb" },
  { name: "exception", type: "jsonb" },
  { name: "expiredException", type: "jsonb" },
];

type Workload = ScanResult["workloads"][number];
type Effective = {
  controlId: string;
  result: Workload["controls"][string];
  status: "pass" | "fail" | "waived" | "na";
  exception: unknown;
};
type Resource = NonNullable<ScanResult["resources"]>[number] & { category: string };

const identity = (o: { kind: string; namespace: string; name: string }) =>
  `${o.kind}/${o.namespace}/${o.name}`;

/**
 * The scan's objects that are not workloads (their custom controls' results, `vap:*` and a tool's own: these apply
 * to any object), once each: an
 * object defined in several files (a Namespace in each chart) is one object in a cluster, the scanner's first (by
 * file) is kept; one named as a workload of the scan is left to the workload.
 */
export function scanResources(result: ScanResult): Resource[] {
  const seen = new Set(result.workloads.map(identity));
  const out: Resource[] = [];
  for (const r of result.resources ?? []) {
    if (seen.has(identity(r))) continue;
    seen.add(identity(r));
    out.push({ ...r, category: r.category ?? UNCATEGORISED });
  }
  return out;
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

/**
 * A scan taken in the future would stay "latest" until that date: refuse any time beyond a small clock skew
 * between the scanning machine and the server (SCAN_CLOCK_SKEW_MS).
 */
function refuseFutureTime(value: string | undefined, field: string, now: Date) {
  if (value === undefined) return;
  const limit = now.getTime() + SCAN_CLOCK_SKEW_MS;
  if (Date.parse(value) > limit) {
    throw new ValidationError(
      `${value} is in the future (more than ${SCAN_CLOCK_SKEW_MS / 60_000} minutes after the server's clock, ${now.toISOString()})`,
      field,
    );
  }
}

/**
 * Stores a scan with its components and control results in one transaction: all or nothing (its environment
 * too, when this is the environment's first scan). Idempotent: a scan whose key (the client's Idempotency-Key,
 * else the hash of its content and observation, see scanContentKey) is already stored for the environment is
 * returned as it is, never duplicated, also when identical posts race.
 */
export async function createScan(input: CreateScanInput, now = new Date()): Promise<CreatedScan> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const scan = await storeScan(input, now);
    const { workloads } = input.result;
    const rows = {
      workloads: workloads.length,
      results: [...workloads, ...scanResources(input.result)].reduce(
        (n, w) => n + Object.keys(w.controls).length,
        0,
      ),
    };
    recordIngest(scan.created ? "created" : "existing", seconds(), scan.created ? rows : null);
    return scan;
  } catch (err) {
    recordIngest("error", seconds(), null);
    throw err;
  }
}

async function storeScan(input: CreateScanInput, now: Date): Promise<CreatedScan> {
  let mark = performance.now();
  const phase = (name: string) => {
    const at = performance.now();
    input.onPhase?.(name, at - mark);
    mark = at;
  };
  refuseFutureTime(input.meta.takenAt, "takenAt", now);
  refuseFutureTime(input.result.generatedAt, "generatedAt", now);
  const db = await getDb();
  await syncControlCatalog(db);
  phase("control catalog");
  const project = await requireProject(input.actor, input.projectSlug, "ingest");
  phase("project");
  const takenAt = new Date(input.meta.takenAt ?? input.result.generatedAt);
  const idempotencyKey =
    input.meta.idempotencyKey ??
    scanContentKey(input.result, {
      observedAt:
        input.meta.takenAt ?? (input.observedAt === undefined ? input.result.generatedAt : input.observedAt),
      gitCommit: input.meta.gitCommit,
      gitRef: input.meta.gitRef,
      source: input.source,
      tool: input.tool,
    });

  phase("content key");
  const existing = async () => {
    const scan = await db.scan.findFirst({
      where: {
        idempotencyKey,
        environment: { projectId: project.id, name: input.meta.environment },
      },
      select: { id: true, takenAt: true, environment: { select: { name: true } } },
    });
    return scan && { id: scan.id, takenAt: scan.takenAt, environment: scan.environment.name };
  };
  const found = await existing();
  phase("existing scan");
  if (found) return { ...found, created: false };

  const { result } = input;
  const resources = scanResources(result);
  const objects: (Workload | Resource)[] = [...result.workloads, ...resources];
  const exceptions = await db.exception.findMany({ where: { projectId: project.id } });
  phase("exceptions");
  try {
    const scan = await db.$transaction(
      async (tx) => {
        const environment = await findOrCreateEnvironment(tx, project.id, input.meta.environment);
        // Each result's effective status at ingest: a failure that a stored exception covers is waived. Per
        // object, its results in the scanner's order, with the statuses and exceptions its aggregate entry holds.
        const effective = objects.map((workload) => {
          const results: Effective[] = [];
          const statuses: Record<string, string> = {};
          const waivers: Record<string, unknown> = {};
          for (const [controlId, r] of Object.entries(workload.controls)) {
            const stored =
              r.status === "fail" && exceptions.length > 0
                ? findStoredException(
                    exceptions,
                    { ...workload, environmentId: environment.id },
                    controlId,
                    takenAt,
                  )
                : undefined;
            const status = stored ? ("waived" as const) : STATUS[r.status];
            const exception = stored ? waiverJson(stored) : (r.exception ?? null);
            results.push({ controlId, result: r, status, exception });
            statuses[controlId] = status;
            if (exception !== null) waivers[controlId] = exception;
          }
          return { workload, results, statuses, waivers };
        });
        phase("environment, effective statuses");
        const controlIds = new Set<string>();
        const summaryControls: Record<string, StatusCounts> = {};
        for (const { results } of effective)
          for (const e of results) {
            controlIds.add(e.controlId);
            summaryControls[e.controlId] ??= { pass: 0, fail: 0, waived: 0, "n/a": 0 };
            summaryControls[e.controlId][e.status === "na" ? "n/a" : e.status]++;
          }
        await ensureCustomControls(tx, controlIds, input.controls);
        phase("custom controls, summary");
        // Components are shared across scans; concurrent ingests may create the same ones: skip duplicates.
        await bulkInsert(
          tx,
          "Component",
          COMPONENT_COLUMNS,
          objects.map((w) => [
            randomUUID(),
            project.id,
            environment.id,
            w.kind,
            w.namespace,
            w.name,
            w.category,
          ]),
          { onConflictDoNothing: true },
        );
        // The environment's components as [kind, namespace, name, id, category], one JSON text (not 10k rows).
        const [{ list }] = await tx.$queryRawUnsafe<{ list: string }[]>(
          `SELECT COALESCE(json_agg(json_build_array(kind, namespace, name, id, category)), '[]')::text AS list
           FROM "Component" WHERE "environmentId" = $1`,
          environment.id,
        );
        const idOf = new Map<string, { id: string; category: string }>();
        for (const [kind, namespace, name, id, category] of JSON.parse(list) as string[][])
          idOf.set(`${kind}/${namespace}/${name}`, { id, category });
        const componentOf = (w: Workload | Resource) => {
          const c = idOf.get(identity(w));
          if (!c) throw new Error(`component ${identity(w)} vanished during ingest`);
          return c;
        };
        // A component's category follows its latest scan (a hand-set category lives in categoryManual).
        for (const w of objects) {
          const c = componentOf(w);
          if (c.category !== w.category) {
            await tx.component.update({ where: { id: c.id }, data: { category: w.category } });
          }
        }
        phase("components");

        const scan = await tx.scan.create({
          data: {
            projectId: project.id,
            environmentId: environment.id,
            takenAt,
            source: input.source,
            tool: input.tool ?? result.scanner.name,
            toolVersion: input.toolVersion ?? result.scanner.version,
            gitRef: input.meta.gitRef,
            gitCommit: input.meta.gitCommit,
            message: input.meta.message,
            idempotencyKey,
            partialEvidence: input.partialEvidence ?? false,
            evidence: input.evidence ?? "manifest",
            workloadCount: result.workloads.length,
            errorCount: result.errors.length,
            // The counts of what is stored: stored exceptions may have waived some of the scanner's failures.
            summary: { ...result.summary, controls: summaryControls },
            objects: result.objects,
            namespaces: result.namespaces,
            errors: result.errors,
            notes: result.notes,
            otherFindings: (input.otherFindings ?? []) as Prisma.InputJsonValue[],
            files: input.files ?? [],
            policies: result.policies ?? [],
          },
          select: { id: true, takenAt: true },
        });
        phase("scan row");
        /** PLACED_COLUMNS' values of an object of this scan. */
        const placed = (o: Workload | Resource) => [
          scan.id,
          componentOf(o).id,
          o.apiVersion,
          o.file,
          o.document,
          o.line,
          o.category,
        ];

        await bulkInsert(
          tx,
          "ScanWorkload",
          WORKLOAD_COLUMNS,
          result.workloads.map((w) => [
            ...placed(w),
            w.pattern,
            w.patternSource,
            w.pssLevel,
            w.labels,
            w.podLabels,
            w.containers,
            w.features,
          ]),
        );
        await bulkInsert(
          tx,
          "ScanResource",
          RESOURCE_COLUMNS,
          resources.map((r) => [...placed(r), r.labels]),
        );
        phase("ScanWorkload, ScanResource");

        // Each object's component id, looked up once for its result rows and its aggregate entry.
        const componentIds = effective.map(({ workload }) => componentOf(workload).id);
        const rows: unknown[][] = [];
        for (const [i, { results }] of effective.entries()) {
          const componentId = componentIds[i];
          for (const e of results)
            rows.push([
              scan.id,
              componentId,
              e.controlId,
              e.status,
              e.result.message,
              e.result.containers,
              e.exception,
              e.result.expiredException ?? null,
            ]);
        }
        await bulkInsert(tx, "ControlResult", RESULT_COLUMNS, rows);
        phase("ControlResult");
        // What the pages read of the scan (see ScanAggregate) and its components' runs, from what was just
        // written, as the SQL over the raw rows would compute them (storeScanAggregates), without reading them
        // back.
        const workloadCount = result.workloads.length;
        const entries = effective.map(({ workload, statuses, waivers }, i) => {
          const entry: AggregateEntry = {
            c: componentIds[i],
            f: workload.file,
            g: workload.category,
            s: statuses,
            e: waivers,
          };
          if (i < workloadCount) {
            const w = workload as Workload;
            entry.p = w.pattern;
            entry.x = w.features ?? null;
          }
          return entry;
        });
        const components = entries.slice(0, workloadCount);
        await storeIngestedAggregate(tx, scan.id, {
          components,
          resources: entries.slice(workloadCount),
          seen: components.map((entry, i) => ({
            c: entry.c,
            p: entry.p as string,
            l: result.workloads[i].pssLevel,
            s: entry.s,
          })),
          phase,
        });
        await writeAudit(tx, input.actor, {
          projectId: project.id,
          action: "scan.create",
          target: `scan ${scan.id}`,
          after: { environment: environment.name, source: input.source, workloads: result.workloads.length },
        });
        phase("audit");
        return { ...scan, environment: environment.name };
      },
      { timeout: 10 * 60_000, maxWait: 2 * 60_000 },
    );
    phase("commit");
    return { ...scan, created: true };
  } catch (err) {
    // An identical scan committed first: return it, as if this call had come second.
    if (isUniqueViolation(err)) {
      const raced = await existing();
      if (raced) return { ...raced, created: false };
    }
    throw err;
  }
}
