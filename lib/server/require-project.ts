import "server-only";
import { cache } from "react";
import { type Actor, allows, type Permission, type ProjectRole } from "./actor";
import { getDb } from "./db";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "./errors";

export type ProjectAccess = { id: string; slug: string; role: ProjectRole | null; public: boolean };

/**
 * Resolves a project for an actor and a permission, or throws: anonymous callers without access get
 * UnauthenticatedError (whether or not the project exists), members lacking the role get ForbiddenError, and
 * everyone else NotFoundError, so a project's existence never leaks to those who may not see it.
 */
export async function requireProject(
  actor: Actor,
  slug: string,
  permission: Permission,
): Promise<ProjectAccess> {
  const access = await readAccess(slug, actor.kind === "user" ? actor.userId : null);
  if (access && allows(actor, access, permission)) return access;
  const canRead = access !== null && allows(actor, access, "read");
  const ownToken = access !== null && actor.kind === "token" && actor.projectId === access.id;
  if (canRead || ownToken) throw new ForbiddenError(`your access to "${slug}" does not allow ${permission}`);
  if (actor.kind === "anonymous") throw new UnauthenticatedError();
  throw new NotFoundError(`project "${slug}"`);
}

/**
 * The project of a slug and the user's membership role in it, read once per request (React's cache: a page's
 * layout, page and finders each check access, with one query between them; outside a render, every call reads).
 */
const readAccess = cache(async (slug: string, userId: string | null): Promise<ProjectAccess | null> => {
  const db = await getDb();
  const project = await db.project.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      visibility: true,
      memberships: userId !== null ? { where: { userId }, select: { role: true } } : false,
    },
  });
  return (
    project && {
      id: project.id,
      slug: project.slug,
      role: project.memberships?.[0]?.role ?? null,
      public: project.visibility === "public",
    }
  );
});
