import "server-only";
import { getAuth } from "@/lib/auth/auth";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Stores a new password hash on the account's credential row (creating it for an account that signed in with
 * single sign-on only), and ends the account's sessions, all of them or all but `keepSessionId`. In the caller's
 * transaction, beside its audit entry. Returns how many sessions ended.
 */
export async function writePassword(
  tx: Prisma.TransactionClient,
  userId: string,
  passwordHash: string,
  keepSessionId?: string,
): Promise<number> {
  const updated = await tx.account.updateMany({
    where: { userId, providerId: "credential" },
    data: { password: passwordHash },
  });
  if (updated.count === 0) {
    const ctx = await (await getAuth()).$context;
    await tx.account.create({
      data: {
        id: String(ctx.generateId({ model: "account" })),
        providerId: "credential",
        accountId: userId,
        userId,
        password: passwordHash,
      },
    });
  }
  const ended = await tx.session.deleteMany({
    where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
  });
  return ended.count;
}
