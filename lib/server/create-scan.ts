import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ScanSource } from "@/lib/generated/prisma/enums";
import type { ScanResult } from "@/lib/scanner";
import type { ScanMeta } from "@/lib/validations/ingest";
import { findStoredException, waiverJson } from "./apply-stored-exceptions";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { findOrCreateEnvironment } from "./find-or-create-environment";
import { scanContentKey } from "./scan-content-key";
import { syncControlCatalog } from "./sync-control-catalog";

export type CreateScanInput = {
  projectSlug: string;
  meta: ScanMeta;
  /** Validated by ingestScanResultSchema. */
  result: ScanResult;
  source: ScanSource;
  tool?: string;
  toolVersion?: string;
  partialEvidence?: boolean;
  otherFindings?: unknown[];
  files?: { path: string; sha256: string }[];
};

export type CreatedScan = { id: string; environment: string; takenAt: Date; created: boolean };

const STATUS = { pass: "pass", fail: "fail", waived: "waived", "n/a": "na" } as const;

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

/**
 * Stores a scan with its components and control results in one transaction: all or nothing. Idempotent: a
 * scan whose key (client-supplied, else the content hash) is already stored for the environment is returned
 * as it is, never duplicated, also when identical posts race.
 */
export async function createScan(input: CreateScanInput): Promise<CreatedScan> {
  const db = await getDb();
  await syncControlCatalog(db);
  const project = await db.project.findUnique({ where: { slug: input.projectSlug }, select: { id: true } });
  if (!project) throw new NotFoundError(`project "${input.projectSlug}"`);
  const environment = await findOrCreateEnvironment(project.id, input.meta.environment);
  const idempotencyKey =
    input.meta.idempotencyKey ?? scanContentKey(input.result, { source: input.source, tool: input.tool });
  const takenAt = new Date(input.meta.takenAt ?? input.result.generatedAt);

  const existing = () =>
    db.scan.findUnique({
      where: { environmentId_idempotencyKey: { environmentId: environment.id, idempotencyKey } },
      select: { id: true, takenAt: true },
    });
  const found = await existing();
  if (found) return { ...found, environment: environment.name, created: false };

  const exceptions = await db.exception.findMany({ where: { projectId: project.id } });
  const { result } = input;
  try {
    const scan = await db.$transaction(
      async (tx) => {
        // Components are shared across scans; concurrent ingests may create the same ones: skip duplicates.
        await tx.component.createMany({
          data: result.workloads.map((w) => ({
            projectId: project.id,
            environmentId: environment.id,
            kind: w.kind,
            namespace: w.namespace,
            name: w.name,
            category: w.category,
          })),
          skipDuplicates: true,
        });
        const components = await tx.component.findMany({
          where: { environmentId: environment.id },
          select: { id: true, kind: true, namespace: true, name: true, category: true },
        });
        const idOf = new Map(components.map((c) => [`${c.kind}/${c.namespace}/${c.name}`, c]));
        const componentOf = (w: ScanResult["workloads"][number]) => {
          const c = idOf.get(`${w.kind}/${w.namespace}/${w.name}`);
          if (!c) throw new Error(`component ${w.kind}/${w.namespace}/${w.name} vanished during ingest`);
          return c;
        };
        // A component's category follows its latest scan (a hand-set category lives in categoryManual).
        for (const w of result.workloads) {
          const c = componentOf(w);
          if (c.category !== w.category) {
            await tx.component.update({ where: { id: c.id }, data: { category: w.category } });
          }
        }

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
            workloadCount: result.workloads.length,
            errorCount: result.errors.length,
            summary: result.summary,
            objects: result.objects,
            namespaces: result.namespaces,
            errors: result.errors,
            notes: result.notes,
            otherFindings: (input.otherFindings ?? []) as Prisma.InputJsonValue[],
            files: input.files ?? [],
          },
          select: { id: true, takenAt: true },
        });

        await tx.scanWorkload.createMany({
          data: result.workloads.map((w) => ({
            scanId: scan.id,
            componentId: componentOf(w).id,
            apiVersion: w.apiVersion,
            file: w.file,
            document: w.document,
            line: w.line,
            category: w.category,
            pattern: w.pattern,
            patternSource: w.patternSource,
            pssLevel: w.pssLevel,
            labels: w.labels,
            podLabels: w.podLabels,
            containers: w.containers,
            features: w.features,
          })),
        });

        await tx.controlResult.createMany({
          data: result.workloads.flatMap((w) => {
            const componentId = componentOf(w).id;
            return Object.entries(w.controls).map(([controlId, r]) => {
              const stored =
                r.status === "fail"
                  ? findStoredException(
                      exceptions,
                      { ...w, environmentId: environment.id },
                      controlId,
                      takenAt,
                    )
                  : undefined;
              return {
                scanId: scan.id,
                componentId,
                controlId,
                status: stored ? ("waived" as const) : STATUS[r.status],
                message: r.message,
                containers: r.containers,
                exception: stored ? waiverJson(stored) : (r.exception ?? Prisma.DbNull),
                expiredException: r.expiredException ?? Prisma.DbNull,
              };
            });
          }),
        });
        return scan;
      },
      { timeout: 10 * 60_000, maxWait: 2 * 60_000 },
    );
    return { ...scan, environment: environment.name, created: true };
  } catch (err) {
    // An identical scan committed first: return it, as if this call had come second.
    if (isUniqueViolation(err)) {
      const raced = await existing();
      if (raced) return { ...raced, environment: environment.name, created: false };
    }
    throw err;
  }
}
