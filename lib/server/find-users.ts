import "server-only";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireInstanceAdmin } from "./require-instance-admin";

/** Every account with its program roles, for instance admins (the user administration page and GET /users). */
export async function findUsers(actor: Actor) {
  requireInstanceAdmin(actor, "list accounts");
  const db = await getDb();
  const users = await db.user.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      instanceAdmin: true,
      disabledAt: true,
      createdAt: true,
      _count: { select: { sessions: { where: { expiresAt: { gt: new Date() } } } } },
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
    disabledAt: u.disabledAt?.toISOString() ?? null,
    activeSessions: u._count.sessions,
    createdAt: u.createdAt.toISOString(),
    memberships: u.memberships.map((m) => ({ slug: m.project.slug, name: m.project.name, role: m.role })),
  }));
}

export type UserListItem = Awaited<ReturnType<typeof findUsers>>[number];
