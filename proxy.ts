import { type NextRequest, NextResponse } from "next/server";
import { isCrossSiteServerAction } from "@/lib/http/request-origins";
import { unsafeUrlPart } from "@/lib/http/unsafe-url";

// Security headers on every response. The Content-Security-Policy carries a per-request nonce: Next stamps it on
// its own scripts, so no inline script runs without it ('strict-dynamic', no 'unsafe-inline' for scripts).
export function proxy(request: NextRequest) {
  if (isCrossSiteServerAction(request)) {
    return NextResponse.json({ error: "cross-site request refused" }, { status: 403 });
  }
  // NUL or non-UTF-8 in the path or query would reach a database query from any page or route: 400 here.
  const unsafe = unsafeUrlPart(request.nextUrl);
  if (unsafe) return NextResponse.json(unsafe, { status: 400 });
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and recharts set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  if (request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https") {
    response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  }
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
