import "server-only";
import type { Actor } from "./actor";
import { cachePromises } from "./cache-promises";
import { getDb } from "./db";
import { derivedKey, readProgramVersions } from "./program-versions";
import { requireProject } from "./require-project";

async function loadProjectHeader(projectId: string) {
  const db = await getDb();
  return db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      maturityBaseline: true,
      maturityTarget: true,
      environments: { orderBy: { name: "asc" }, select: { name: true, description: true } },
    },
  });
}

/**
 * Header rows by derivedKey: every write of the project's name, slug, description, maturity or environments bumps
 * its program version (updateProject, applyProgram), and an environment is otherwise only created with a scan
 * (which changes the scans digest), so equal versions mean equal rows in any server process. Never mutated.
 */
const headers = cachePromises<Awaited<ReturnType<typeof loadProjectHeader>>>(64);

/** A project's header data: name, description, maturity and environment names. */
export async function findProject(actor: Actor, projectSlug: string) {
  const access = await requireProject(actor, projectSlug, "read");
  const versions = await readProgramVersions(access.id);
  const project = await headers(derivedKey(access.id, versions, "header"), () =>
    loadProjectHeader(access.id),
  );
  return { ...project, role: access.role, public: access.public };
}
