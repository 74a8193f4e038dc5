import "server-only";
import { projectConfigSchema, type ScanResult, scanFiles } from "@/lib/scanner";
import { getDb } from "./db";
import { NotFoundError } from "./errors";

/** Scans uploaded manifests with the project's config (categories, pattern overrides). */
export async function scanUploadedFiles(
  projectSlug: string,
  files: { path: string; content: string }[],
  now = new Date(),
): Promise<ScanResult> {
  const db = await getDb();
  const project = await db.project.findUnique({ where: { slug: projectSlug }, select: { config: true } });
  if (!project) throw new NotFoundError(`project "${projectSlug}"`);
  const config = project.config ? projectConfigSchema.parse(project.config) : undefined;
  // Exceptions are not passed here: the project's stored exceptions are applied at ingest (createScan).
  return scanFiles(files, { config, now });
}
