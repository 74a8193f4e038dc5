/**
 * The origins a request may legitimately come from: the URL it was sent to (as the proxy reports the host and
 * scheme) and RAMPART_URL. Used for the CSRF check of API mutations and as better-auth's trusted origins.
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
