import "server-only";
import { getAuth } from "@/lib/auth/auth";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { ConflictError, ForbiddenError, UnauthenticatedError } from "./errors";
import { writeAudit } from "./write-audit";

export type CreateUserInput = { name: string; email: string; password: string; instanceAdmin?: boolean };

/**
 * Creates an account with an email and password (hashed by better-auth with scrypt). Self sign-up is off:
 * instance admins create accounts (and the first-run setup creates the first admin, as the system).
 */
export async function createUser(actor: Actor, input: CreateUserInput) {
  if (actor.kind === "anonymous") throw new UnauthenticatedError();
  if (!(actor.kind === "system" || (actor.kind === "user" && actor.instanceAdmin))) {
    throw new ForbiddenError("only instance admins create accounts");
  }
  const ctx = await (await getAuth()).$context;
  const email = input.email.trim().toLowerCase();
  if (await ctx.internalAdapter.findUserByEmail(email))
    throw new ConflictError(`an account for ${email} exists`);
  const password = await ctx.password.hash(input.password);
  const user = await ctx.internalAdapter.createUser(
    {
      email,
      name: input.name,
      emailVerified: false,
      instanceAdmin: input.instanceAdmin ?? false,
    },
    { method: "admin" },
  );
  await ctx.internalAdapter.linkAccount({
    providerId: "credential",
    accountId: user.id,
    userId: user.id,
    password,
  });
  const db = await getDb();
  await db.$transaction((tx) =>
    writeAudit(tx, actor, {
      projectId: null,
      action: "user.create",
      target: `user ${email}`,
      after: { email, name: input.name, instanceAdmin: input.instanceAdmin ?? false },
    }),
  );
  return { id: user.id, email, name: input.name };
}
