import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProgramDefinition } from "@/lib/program";
import type { ExceptionList, ProjectConfig } from "@/lib/scanner";
import { getDb } from "./db";
import { ConflictError } from "./errors";
import { syncControlCatalog } from "./sync-control-catalog";
import { day, writeProgramRows } from "./write-program-rows";

export type CreateProgramInput = {
  program: ProgramDefinition;
  /** rampart.yaml: categories and pattern overrides for scans the server runs. */
  config?: ProjectConfig;
  /** exceptions.yaml: stored as the project's exceptions. */
  exceptions?: ExceptionList;
  /** When those exceptions were documented (a loaded history's own date); default: now. */
  exceptionsDocumentedAt?: Date;
  createdBy: string;
  visibility?: "private" | "public";
};

/**
 * Creates a project from a program definition (program.yaml): environments, phases with their periods, work
 * streams, milestones, exit criteria and metric targets, plus its config and exceptions. One transaction.
 */
export async function createProgram({
  program,
  config,
  exceptions,
  exceptionsDocumentedAt,
  createdBy,
  visibility,
}: CreateProgramInput) {
  const db = await getDb();
  await syncControlCatalog(db);
  try {
    return await db.$transaction(
      async (tx) => {
        const project = await tx.project.create({
          data: {
            slug: program.project.slug,
            name: program.project.name,
            description: program.project.description ?? "",
            maturityBaseline: program.maturity.baseline,
            maturityTarget: program.maturity.target,
            config: (config as Prisma.InputJsonObject | undefined) ?? Prisma.DbNull,
            visibility,
            environments: {
              create: program.environments.map((e) => ({ name: e.name, description: e.description ?? "" })),
            },
          },
        });

        await writeProgramRows(tx, project.id, program);

        if (exceptions?.exceptions.length) {
          await tx.exception.createMany({
            data: exceptions.exceptions.map((e) => ({
              projectId: project.id,
              selectorKind: e.selector.kind ?? null,
              selectorNamespace: e.selector.namespace ?? null,
              selectorName: e.selector.name ?? null,
              controlId: e.control,
              justification: e.justification,
              owner: e.owner,
              expiresAt: e.expires ? day(String(e.expires)) : null,
              createdBy,
              createdAt: exceptionsDocumentedAt,
              updatedAt: exceptionsDocumentedAt,
            })),
          });
        }
        return project;
      },
      { timeout: 60_000, maxWait: 60_000 },
    );
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new ConflictError(`a project with slug "${program.project.slug}" already exists`);
    }
    throw err;
  }
}
