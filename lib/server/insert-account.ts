import "server-only";
import { getAuth } from "@/lib/auth/auth";
import type { Prisma } from "@/lib/generated/prisma/client";

export type NewAccount = { name: string; email: string; password: string; instanceAdmin?: boolean };

/**
 * The rows of an email-and-password account as better-auth reads them (a user, its credential account with the
 * scrypt hash), written in the caller's transaction so the account and whatever goes with it (the audit entry,
 * the first-admin check) commit together or not at all. `passwordHash` comes from `hashPassword` (hash-password.ts), computed
 * before the transaction: scrypt is slow and must not hold a lock.
 */
export async function insertAccount(
  tx: Prisma.TransactionClient,
  input: Omit<NewAccount, "password"> & { passwordHash: string },
) {
  const ctx = await (await getAuth()).$context;
  const id = String(ctx.generateId({ model: "user" }));
  const user = await tx.user.create({
    data: { id, email: input.email, name: input.name, instanceAdmin: input.instanceAdmin ?? false },
    select: { id: true, email: true, name: true },
  });
  await tx.account.create({
    data: {
      id: String(ctx.generateId({ model: "account" })),
      providerId: "credential",
      accountId: id,
      userId: id,
      password: input.passwordHash,
    },
  });
  return user;
}
