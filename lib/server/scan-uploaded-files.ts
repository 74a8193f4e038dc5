import "server-only";
import { projectConfigSchema, type ScanResult, scanFiles } from "@/lib/scanner";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { loadProgramPolicySources } from "./load-program-policy-sources";
import { requireProject } from "./require-project";

/**
 * Scans uploaded manifests with the project's config (categories, pattern overrides) and its stored policy set
 * (ValidatingAdmissionPolicies evaluated as vap:<name> controls, with the uploads' own policies).
 */
export async function scanUploadedFiles(
  actor: Actor,
  projectSlug: string,
  files: { path: string; content: string }[],
  now = new Date(),
): Promise<ScanResult> {
  const access = await requireProject(actor, projectSlug, "ingest");
  const db = await getDb();
  const [project, policies] = await Promise.all([
    db.project.findUniqueOrThrow({ where: { id: access.id }, select: { config: true } }),
    loadProgramPolicySources(access.id),
  ]);
  const config = project.config ? projectConfigSchema.parse(project.config) : undefined;
  // Exceptions are not passed here: the project's stored exceptions are applied at ingest (createScan).
  return scanFiles(files, { config, now, policies });
}
