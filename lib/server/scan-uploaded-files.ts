import "server-only";
import { projectConfigSchema, type ScanResult, scanFiles } from "@/lib/scanner";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/** Scans uploaded manifests with the project's config (categories, pattern overrides). */
export async function scanUploadedFiles(
  actor: Actor,
  projectSlug: string,
  files: { path: string; content: string }[],
  now = new Date(),
): Promise<ScanResult> {
  const access = await requireProject(actor, projectSlug, "ingest");
  const db = await getDb();
  const project = await db.project.findUniqueOrThrow({ where: { id: access.id }, select: { config: true } });
  const config = project.config ? projectConfigSchema.parse(project.config) : undefined;
  // Exceptions are not passed here: the project's stored exceptions are applied at ingest (createScan).
  return scanFiles(files, { config, now });
}
