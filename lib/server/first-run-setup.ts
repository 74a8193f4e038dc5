import "server-only";
import { randomBytes } from "node:crypto";
import { SYSTEM } from "./actor";
import { type CreateUserInput, createUser } from "./create-user";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import { hashToken } from "./find-token-actor";

/**
 * With no account yet, makes a one-time setup token (only its hash is stored) and returns the path to open;
 * null once an account exists. Each start makes a new link; older ones stay valid until one is used.
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

/** Uses the setup token once to create the first instance admin. */
export async function completeSetup(token: string, admin: Omit<CreateUserInput, "instanceAdmin">) {
  const db = await getDb();
  // Claim the token first: of two racing requests only one updates the unused row.
  const claimed = await db.setupToken.updateMany({
    where: { tokenHash: hashToken(token), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1 || (await db.user.count()) > 0) {
    throw new ForbiddenError("this setup link is invalid or has already been used");
  }
  return createUser(SYSTEM, { ...admin, instanceAdmin: true });
}
