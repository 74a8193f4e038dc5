import type { Actor } from "@/lib/server/actor";
import { findSessionActor } from "@/lib/server/find-session-actor";
import { findTokenActor } from "@/lib/server/find-token-actor";
import { HttpError } from "./http-error";
import { isSameOrigin } from "./request-origins";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who is calling an API route: a bearer token (CLI, CI), else the session cookie (browser), else anonymous.
 * Cookie-authenticated mutations must come from this site (Origin check): a cross-site form or fetch cannot
 * ride on the user's session.
 */
export async function getActor(request: Request): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new HttpError(401, "Authorization must be `Bearer <token>`");
    return findTokenActor(match[1]);
  }
  const actor = await findSessionActor(request.headers);
  if (actor.kind === "user" && !SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
    throw new HttpError(403, "cross-site request refused");
  }
  return actor;
}
