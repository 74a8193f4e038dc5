import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { ValidationError } from "./errors";
import { findAccountTarget } from "./find-account-target";
import { requireInstanceAdmin } from "./require-instance-admin";
import { writeAudit } from "./write-audit";

/**
 * An instance admin disables an account (it cannot sign in; its sessions end; the API tokens it created stop
 * working: find-token-actor.ts) or enables it again. Admins cannot disable themselves, so the instance always
 * keeps the admin doing it. Audited before → after.
 */
export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean) {
  requireInstanceAdmin(actor, "disable accounts");
  if (disabled && actor.kind === "user" && actor.userId === userId) {
    throw new ValidationError("you cannot disable your own account", "disabled");
  }
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const user = await findAccountTarget(tx, userId);
    const disabledAt = disabled ? (user.disabledAt ?? new Date()) : null;
    await tx.user.update({ where: { id: user.id }, data: { disabledAt } });
    const ended = disabled ? (await tx.session.deleteMany({ where: { userId: user.id } })).count : 0;
    if (Boolean(user.disabledAt) !== disabled) {
      await writeAudit(tx, actor, {
        projectId: null,
        action: disabled ? "user.disable" : "user.enable",
        target: `user ${user.email}`,
        before: { disabled: Boolean(user.disabledAt) },
        after: { disabled, endedSessions: ended },
      });
    }
    return { id: user.id, email: user.email, disabledAt: disabledAt?.toISOString() ?? null };
  });
}
