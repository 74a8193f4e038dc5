import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

export async function revokeApiToken(actor: Actor, projectSlug: string, tokenId: string) {
  const project = await requireProject(actor, projectSlug, "admin");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, projectId: project.id } });
    if (!token) throw new NotFoundError(`token "${tokenId}"`);
    if (token.revokedAt) return token;
    const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: "token.revoke",
      target: `token ${token.name}`,
      before: { revokedAt: null },
      after: { revokedAt: revoked.revokedAt?.toISOString() ?? null },
    });
    return revoked;
  });
}
