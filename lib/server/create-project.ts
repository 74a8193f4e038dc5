import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { ConflictError, ForbiddenError, UnauthenticatedError } from "./errors";
import { writeAudit } from "./write-audit";

export type CreateProjectInput = {
  slug: string;
  name: string;
  description?: string;
  maturityBaseline?: number;
  maturityTarget?: number;
  config?: object;
  visibility?: "private" | "public";
  /** The environments scans go to (production, staging…); uploads and program files may add more later. */
  environments?: { name: string; description?: string }[];
};

/** Instance admins (and the server itself) create projects; a creating user becomes the project's admin. */
export async function createProject(actor: Actor, input: CreateProjectInput) {
  if (actor.kind === "anonymous") throw new UnauthenticatedError();
  if (!(actor.kind === "system" || (actor.kind === "user" && actor.instanceAdmin))) {
    throw new ForbiddenError("only instance admins create projects");
  }
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const { environments = [], ...fields } = input;
      const project = await tx.project.create({
        data: {
          ...fields,
          environments: {
            create: environments.map((e) => ({ name: e.name, description: e.description ?? "" })),
          },
        },
      });
      if (actor.kind === "user") {
        await tx.membership.create({ data: { projectId: project.id, userId: actor.userId, role: "admin" } });
      }
      await writeAudit(tx, actor, {
        projectId: project.id,
        action: "project.create",
        target: `project ${project.slug}`,
        after: {
          slug: project.slug,
          name: project.name,
          visibility: project.visibility,
          environments: environments.map((e) => e.name),
        },
      });
      return project;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new ConflictError(`a project with slug "${input.slug}" already exists`);
    }
    throw err;
  }
}
