import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor, TokenScope } from "./actor";
import { getDb } from "./db";
import { hashToken } from "./find-token-actor";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/** Creates a project API token. The plaintext is returned this once; only its hash is stored. */
export async function createApiToken(
  actor: Actor,
  projectSlug: string,
  input: { name: string; scope: TokenScope; expiresAt?: Date },
) {
  const project = await requireProject(actor, projectSlug, "admin");
  const token = `rmp_${randomBytes(32).toString("base64url")}`;
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        projectId: project.id,
        name: input.name,
        scope: input.scope,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        createdById: actor.kind === "user" ? actor.userId : null,
        expiresAt: input.expiresAt,
      },
      select: { id: true, name: true, scope: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: "token.create",
      target: `token ${created.name}`,
      after: { name: created.name, scope: created.scope, prefix: created.prefix },
    });
    return { ...created, token };
  });
}
