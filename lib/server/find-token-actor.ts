import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { UnauthenticatedError } from "./errors";
import { consumeRateLimit } from "./rate-limit";

/** Tokens are 256-bit random strings, so a fast hash is enough to store them safely. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The actor of a bearer token, or UnauthenticatedError for an unknown, revoked or expired one. */
export async function findTokenActor(token: string): Promise<Actor> {
  const tokenHash = hashToken(token);
  await consumeRateLimit("token", tokenHash);
  const db = await getDb();
  const found = await db.apiToken.findUnique({
    where: { tokenHash },
    select: { id: true, projectId: true, scope: true, name: true, revokedAt: true, expiresAt: true },
  });
  const now = new Date();
  if (!found || found.revokedAt || (found.expiresAt && found.expiresAt <= now)) {
    throw new UnauthenticatedError("invalid, expired or revoked token");
  }
  // "Last used" to the minute is enough: skip the write for a CI job's burst of calls.
  await db.apiToken.updateMany({
    where: {
      id: found.id,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }],
    },
    data: { lastUsedAt: now },
  });
  return {
    kind: "token",
    tokenId: found.id,
    projectId: found.projectId,
    scope: found.scope,
    label: `token ${found.name}`,
  };
}
