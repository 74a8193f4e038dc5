import "server-only";
import type { Actor } from "./actor";
import { ForbiddenError, UnauthenticatedError } from "./errors";

/** Account administration is for instance admins (and the server itself): 401 without identity, else 403. */
export function requireInstanceAdmin(actor: Actor, what: string): void {
  if (actor.kind === "anonymous") throw new UnauthenticatedError();
  if (!(actor.kind === "system" || (actor.kind === "user" && actor.instanceAdmin))) {
    throw new ForbiddenError(`only instance admins ${what}`);
  }
}
