import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/** A project's tokens (never their secrets), newest first. */
export async function findApiTokens(actor: Actor, projectSlug: string) {
  const project = await requireProject(actor, projectSlug, "admin");
  const db = await getDb();
  return db.apiToken.findMany({
    where: { projectId: project.id },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      scope: true,
      prefix: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { email: true } },
    },
  });
}
