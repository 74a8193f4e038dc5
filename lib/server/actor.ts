/** Who is asking: every lib/server function that touches project data takes one. */
export type ProjectRole = "viewer" | "editor" | "admin";
export type TokenScope = "ingest" | "read";

export type Actor =
  | { kind: "anonymous" }
  /** sessionId: the session the request came with (a password change keeps it and ends the others). */
  | { kind: "user"; userId: string; label: string; instanceAdmin: boolean; sessionId?: string }
  | { kind: "token"; tokenId: string; projectId: string; scope: TokenScope; label: string }
  /** The server itself: start-up (demo loading), benchmarks, maintenance scripts. */
  | { kind: "system"; label: string };

/** read: view anything; ingest: store scans; edit: milestones, criteria, exceptions, notes; admin: members, tokens, settings. */
export type Permission = "read" | "ingest" | "edit" | "admin";

export const ANONYMOUS: Actor = { kind: "anonymous" };
export const SYSTEM: Actor = { kind: "system", label: "rampart" };

const ROLE_PERMISSIONS: Record<ProjectRole, readonly Permission[]> = {
  viewer: ["read"],
  editor: ["read", "ingest", "edit"],
  admin: ["read", "ingest", "edit", "admin"],
};

const TOKEN_PERMISSIONS: Record<TokenScope, readonly Permission[]> = {
  ingest: ["ingest"],
  read: ["read"],
};

/**
 * The one authorisation rule: what `actor` may do on a project, given its role there (null: not a member) and
 * whether the project is public (readable by anyone, e.g. the built-in demo).
 */
export function allows(
  actor: Actor,
  project: { id: string; public: boolean; role: ProjectRole | null },
  permission: Permission,
): boolean {
  switch (actor.kind) {
    case "system":
      return true;
    case "token":
      return actor.projectId === project.id && TOKEN_PERMISSIONS[actor.scope].includes(permission);
    case "user":
      if (actor.instanceAdmin) return true;
      if (project.role && ROLE_PERMISSIONS[project.role].includes(permission)) return true;
      return permission === "read" && project.public;
    case "anonymous":
      return permission === "read" && project.public;
  }
}

export function actorLabel(actor: Actor): string {
  return actor.kind === "anonymous" ? "anonymous" : actor.label;
}
