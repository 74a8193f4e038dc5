import "server-only";
import { headers } from "next/headers";
import type { Actor } from "./actor";
import { findSessionActor } from "./find-session-actor";

/** The actor of the page being rendered (server components, server actions): the session's user or anonymous. */
export async function getPageActor(): Promise<Actor> {
  return findSessionActor(await headers());
}
