import "server-only";
import { getAuth } from "@/lib/auth/auth";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "./errors";
import { hashPassword } from "./hash-password";
import { consumeRateLimit, refundRateLimit } from "./rate-limit";
import { writeAudit } from "./write-audit";
import { writePassword } from "./write-password";

/**
 * A signed-in user changes their own password, giving the current one. Every other session of the account ends
 * (a session someone else holds stops working); the one making the change stays. Wrong current passwords count
 * toward the account's sign-in lockout, so a stolen session cannot be used to guess the password. Audited.
 */
export async function changeOwnPassword(
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  if (actor.kind === "anonymous") throw new UnauthenticatedError();
  if (actor.kind !== "user" || !actor.sessionId) {
    throw new ForbiddenError("only a signed-in user changes their own password");
  }
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { email: true, accounts: { where: { providerId: "credential" }, select: { password: true } } },
  });
  const stored = user.accounts[0]?.password;
  await consumeRateLimit("account", user.email);
  const ctx = await (await getAuth()).$context;
  if (!stored || !(await ctx.password.verify({ hash: stored, password: input.currentPassword }))) {
    throw new ValidationError("is not your current password", "currentPassword");
  }
  await refundRateLimit("account", user.email);
  const passwordHash = await hashPassword(input.newPassword);
  const sessionId = actor.sessionId;
  return db.$transaction(async (tx) => {
    const endedSessions = await writePassword(tx, actor.userId, passwordHash, sessionId);
    await writeAudit(tx, actor, {
      projectId: null,
      action: "user.password.change",
      target: `user ${user.email}`,
      after: { endedSessions },
    });
    return { endedSessions };
  });
}
