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

/** The actor of a bearer token, or UnauthenticatedError for an unknown, revoked or expired one, or one made by a disabled account. */
export async function findTokenActor(token: string): Promise<Actor> {
  const tokenHash = hashToken(token);
  await consumeRateLimit("token", tokenHash);
  const db = await getDb();
  const found = await db.apiToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      projectId: true,
      scope: true,
      name: true,
      revokedAt: true,
      expiresAt: true,
      createdBy: { select: { disabledAt: true } },
    },
  });
  const now = new Date();
  // A token stops with the account that created it: disabling someone also ends what they left running.
  const creatorDisabled = Boolean(found?.createdBy?.disabledAt);
  if (!found || found.revokedAt || (found.expiresAt && found.expiresAt <= now) || creatorDisabled) {
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
