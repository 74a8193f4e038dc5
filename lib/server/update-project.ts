import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UpdateProjectInput } from "@/lib/validations/project";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { ConflictError, ValidationError } from "./errors";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

type Environment = { name: string; description: string };
type Settings = {
  slug: string;
  name: string;
  description: string;
  visibility: "private" | "public";
  environments: Environment[];
};

/**
 * Changes a program's name, slug, description, visibility and environments (program admins), audited with the
 * fields before → after. `environments` is the whole list: an environment left out is removed only while it
 * holds no scans, components or exceptions (removing it would delete them), otherwise nothing changes.
 */
export async function updateProject(
  actor: Actor,
  projectSlug: string,
  input: UpdateProjectInput,
): Promise<Settings> {
  const access = await requireProject(actor, projectSlug, "admin");
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const before = await readSettings(tx, access.id);
      const { environments, ...fields } = input;
      await tx.project.update({ where: { id: access.id }, data: fields });
      if (environments) await replaceEnvironments(tx, access.id, before.environments, environments);
      const after = await readSettings(tx, access.id);
      const changed = (Object.keys(after) as (keyof Settings)[]).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
      );
      if (changed.length > 0) {
        await bumpProgramVersion(tx, access.id, "program");
        await writeAudit(tx, actor, {
          projectId: access.id,
          action: "project.update",
          target: `project ${after.slug}`,
          before: Object.fromEntries(changed.map((key) => [key, before[key]])),
          after: Object.fromEntries(changed.map((key) => [key, after[key]])),
        });
      }
      return after;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new ConflictError(`a project with slug "${input.slug}" already exists`);
    }
    throw err;
  }
}

async function readSettings(tx: Prisma.TransactionClient, id: string): Promise<Settings> {
  const project = await tx.project.findUniqueOrThrow({
    where: { id },
    select: {
      slug: true,
      name: true,
      description: true,
      visibility: true,
      environments: { orderBy: { name: "asc" }, select: { name: true, description: true } },
    },
  });
  return project;
}

async function replaceEnvironments(
  tx: Prisma.TransactionClient,
  projectId: string,
  current: Environment[],
  wanted: { name: string; description?: string }[],
) {
  const keep = new Set(wanted.map((e) => e.name));
  const removed = current.filter((e) => !keep.has(e.name)).map((e) => e.name);
  if (removed.length > 0) {
    const used = await tx.environment.findMany({
      where: { projectId, name: { in: removed } },
      select: { name: true, _count: { select: { scans: true, components: true, exceptions: true } } },
    });
    for (const e of used) {
      const { scans, components, exceptions } = e._count;
      if (scans + components + exceptions > 0) {
        throw new ValidationError(
          `environment "${e.name}" holds ${scans} scan(s) and ${exceptions} exception(s): removing it would delete them`,
          "environments",
        );
      }
    }
    await tx.environment.deleteMany({ where: { projectId, name: { in: removed } } });
  }
  for (const e of wanted) {
    await tx.environment.upsert({
      where: { projectId_name: { projectId, name: e.name } },
      create: { projectId, name: e.name, description: e.description ?? "" },
      update: { description: e.description ?? "" },
    });
  }
}
