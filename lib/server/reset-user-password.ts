import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { findAccountTarget } from "./find-account-target";
import { hashPassword } from "./hash-password";
import { requireInstanceAdmin } from "./require-instance-admin";
import { writeAudit } from "./write-audit";
import { writePassword } from "./write-password";

/** An instance admin sets a new password on an account; every session of the account ends. Audited. */
export async function resetUserPassword(actor: Actor, userId: string, password: string) {
  requireInstanceAdmin(actor, "reset passwords");
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const user = await findAccountTarget(tx, userId);
    const endedSessions = await writePassword(tx, user.id, passwordHash);
    await writeAudit(tx, actor, {
      projectId: null,
      action: "user.password.reset",
      target: `user ${user.email}`,
      after: { endedSessions },
    });
    return { endedSessions };
  });
}
