import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./db";
import { ConflictError } from "./errors";

export type CreateProjectInput = {
  slug: string;
  name: string;
  description?: string;
  maturityBaseline?: number;
  maturityTarget?: number;
  config?: object;
};

export async function createProject(input: CreateProjectInput) {
  const db = await getDb();
  try {
    return await db.project.create({ data: input });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new ConflictError(`a project with slug "${input.slug}" already exists`);
    }
    throw err;
  }
}
