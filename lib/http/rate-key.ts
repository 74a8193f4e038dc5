import type { Actor } from "@/lib/server/actor";
import { clientAddress } from "./client-address";

/** Whom a rate limit counts: the token or user, else the client address (X-Forwarded-For only from trusted proxies). */
export function rateKey(actor: Actor, request: Request): string {
  if (actor.kind === "token") return `token:${actor.tokenId}`;
  if (actor.kind === "user") return `user:${actor.userId}`;
  return `ip:${clientAddress(request.headers)}`;
}
