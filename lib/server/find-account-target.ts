import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError } from "./errors";

/** The account an instance admin acts on, read in the acting transaction; 404 when there is none. */
export async function findAccountTarget(tx: Prisma.TransactionClient, userId: string) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, instanceAdmin: true, disabledAt: true },
  });
  if (!user) throw new NotFoundError("account");
  return user;
}
