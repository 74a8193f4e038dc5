import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { ForbiddenError, UnauthenticatedError } from "./errors";

/** Every account with its program roles, for instance admins (the user administration page and GET /users). */
export async function findUsers(actor: Actor) {
  if (actor.kind === "anonymous") throw new UnauthenticatedError();
  if (!(actor.kind === "system" || (actor.kind === "user" && actor.instanceAdmin))) {
    throw new ForbiddenError("only instance admins list accounts");
  }
  const db = await getDb();
  const users = await db.user.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      instanceAdmin: true,
      createdAt: true,
      memberships: {
        orderBy: { project: { slug: "asc" } },
        select: { role: true, project: { select: { slug: true, name: true } } },
      },
    },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    instanceAdmin: u.instanceAdmin,
    createdAt: u.createdAt.toISOString(),
    memberships: u.memberships.map((m) => ({ slug: m.project.slug, name: m.project.name, role: m.role })),
  }));
}

export type UserListItem = Awaited<ReturnType<typeof findUsers>>[number];
