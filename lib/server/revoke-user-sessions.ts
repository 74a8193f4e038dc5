import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { findAccountTarget } from "./find-account-target";
import { requireInstanceAdmin } from "./require-instance-admin";
import { writeAudit } from "./write-audit";

/** An instance admin signs an account out everywhere: every session of it ends. Audited. */
export async function revokeUserSessions(actor: Actor, userId: string) {
  requireInstanceAdmin(actor, "revoke sessions");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const user = await findAccountTarget(tx, userId);
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    await writeAudit(tx, actor, {
      projectId: null,
      action: "user.sessions.revoke",
      target: `user ${user.email}`,
      after: { endedSessions: count },
    });
    return { endedSessions: count };
  });
}
