/**
 * The origins a request may legitimately come from: the URL it was sent to (as the proxy reports the host and
 * scheme) and RAMPART_URL. Used for the CSRF check of API mutations and server actions, and as better-auth's
 * trusted origins.
 */
export function requestOrigins(request: Request): string[] {
  const url = new URL(request.url);
  const origins = new Set([url.origin]);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  if (host) origins.add(`${proto}://${host}`);
  if (process.env.RAMPART_URL) origins.add(new URL(process.env.RAMPART_URL).origin);
  return [...origins];
}

/** Whether the request's Origin header names this site (a missing Origin does not). */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  return origin !== null && requestOrigins(request).includes(origin);
}

/**
 * A server action (a POST carrying Next's `Next-Action` header) sent from another site. Next itself refuses
 * those by throwing, which answers 500; the proxy answers 403 before it gets that far. Browsers always send
 * Origin with a POST, so a missing one is refused too.
 */
export function isCrossSiteServerAction(request: Request): boolean {
  return request.method === "POST" && request.headers.has("next-action") && !isSameOrigin(request);
}
