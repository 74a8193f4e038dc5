import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { ConflictError } from "./errors";
import { hashPassword } from "./hash-password";
import { insertAccount, type NewAccount } from "./insert-account";
import { requireInstanceAdmin } from "./require-instance-admin";
import { writeAudit } from "./write-audit";

export type CreateUserInput = NewAccount;

/** A unique-constraint violation: another request created the same row first. */
function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

/**
 * Creates an account with an email and password (hashed by better-auth with scrypt), with its audit entry, in
 * one transaction. Self sign-up is off: instance admins create accounts. 409 when the email has one, also when
 * two requests race for it.
 */
export async function createUser(actor: Actor, input: CreateUserInput) {
  requireInstanceAdmin(actor, "create accounts");
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
        throw new ConflictError(`an account for ${email} exists`);
      }
      const user = await insertAccount(tx, { ...input, email, passwordHash });
      await writeAudit(tx, actor, {
        projectId: null,
        action: "user.create",
        target: `user ${email}`,
        after: { email, name: input.name, instanceAdmin: input.instanceAdmin ?? false },
      });
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`an account for ${email} exists`);
    throw err;
  }
}
