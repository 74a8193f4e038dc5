import type { Actor } from "@/lib/server/actor";

/** Whom a rate limit counts: the token or user, else the client address as the proxy reports it. */
export function rateKey(actor: Actor, request: Request): string {
  if (actor.kind === "token") return `token:${actor.tokenId}`;
  if (actor.kind === "user") return `user:${actor.userId}`;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return `ip:${forwarded || request.headers.get("x-real-ip") || "unknown"}`;
}
