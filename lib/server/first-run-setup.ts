import "server-only";
import { randomBytes } from "node:crypto";
import { createFirstAdmin } from "./create-first-admin";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import { hashToken } from "./find-token-actor";

/**
 * With no account yet, makes a one-time setup token (only its hash is stored) and returns the path to open;
 * null once an account exists. Each start makes a new link; older ones stay valid until the first account exists,
 * which ends them all.
 */
export async function createSetupLink(): Promise<string | null> {
  const db = await getDb();
  if ((await db.user.count()) > 0) return null;
  const token = randomBytes(24).toString("base64url");
  await db.setupToken.create({ data: { tokenHash: hashToken(token) } });
  return `/setup?token=${token}`;
}

/** Whether a setup token may still be used: unused, and no account exists yet. */
export async function isSetupTokenValid(token: string): Promise<boolean> {
  const db = await getDb();
  const found = await db.setupToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return Boolean(found && !found.usedAt && (await db.user.count()) === 0);
}

/**
 * Uses a setup token to create the first instance admin: atomically, the token is claimed and the admin created
 * only while no account exists (createFirstAdmin's lock), so of racing requests, with one token or several,
 * exactly one succeeds.
 */
export async function completeSetup(token: string, admin: { name: string; email: string; password: string }) {
  const created = await createFirstAdmin(admin, async (tx) => {
    const claimed = await tx.setupToken.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null },
      data: { usedAt: new Date() },
    });
    return claimed.count === 1;
  });
  if (!created) throw new ForbiddenError("this setup link is invalid or has already been used");
  return created;
}
