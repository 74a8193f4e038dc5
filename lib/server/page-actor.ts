import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { Actor } from "./actor";
import { findSessionActor } from "./find-session-actor";

/**
 * The actor of the page being rendered (server components, server actions): the session's user or anonymous.
 * Looked up once per request (React's cache): the header's user menu and the page read the same session.
 */
export const getPageActor = cache(async (): Promise<Actor> => findSessionActor(await headers()));
