import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SYSTEM } from "./actor";
import { getDb } from "./db";
import { hashPassword } from "./hash-password";
import { insertAccount, type NewAccount } from "./insert-account";
import { writeAudit } from "./write-audit";

/** The advisory-lock key that serialises first-admin creation across every process sharing the database. */
const FIRST_ADMIN_LOCK = 0x52414d50; // "RAMP"

/**
 * Creates the first instance admin, or does nothing (null) once any account exists. The check and the insert run
 * in one transaction holding a PostgreSQL advisory lock (PGlite and PostgreSQL alike), so two servers starting
 * together, or two setup links used at once, never make two admins. `claim` runs under the lock first (the
 * setup link marks its token used there) and can veto with false. Every setup link dies with the first account.
 */
export async function createFirstAdmin(
  input: Omit<NewAccount, "instanceAdmin">,
  claim: (tx: Prisma.TransactionClient) => Promise<boolean> = async () => true,
) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
    if ((await tx.user.count()) > 0 || !(await claim(tx))) return null;
    const user = await insertAccount(tx, { name: input.name, email, passwordHash, instanceAdmin: true });
    await tx.setupToken.updateMany({ where: { usedAt: null }, data: { usedAt: new Date() } });
    await writeAudit(tx, SYSTEM, {
      projectId: null,
      action: "user.create",
      target: `user ${email}`,
      after: { email, name: input.name, instanceAdmin: true },
    });
    return user;
  });
}
