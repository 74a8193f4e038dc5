import { clientAddress } from "@/lib/http/client-address";
import { errorResponse } from "@/lib/http/error-response";
import { getAuth } from "@/lib/auth/auth";
import { consumeRateLimit, refundRateLimit } from "@/lib/server/rate-limit";

const PASSWORD_SIGN_IN = "/api/auth/sign-in/email";

/** The account a sign-in names, lower-cased as accounts are stored; null when the body says none. */
async function signInEmail(request: Request): Promise<string | null> {
  try {
    const body = (await request.clone().json()) as { email?: unknown };
    return typeof body?.email === "string" ? body.email.trim().toLowerCase().slice(0, 254) : null;
  } catch {
    return null; // better-auth answers the malformed body itself
  }
}

/**
 * better-auth's endpoints (sign-in, sign-out, session, OIDC callbacks), behind Rampart's own limits, kept in the
 * database so every server process shares them: failed auth requests per client address, password attempts per client
 * address, and password attempts per account, which lock it for a while whatever address the guesses come
 * from. The client address comes from lib/http/client-address.ts: X-Forwarded-For only from trusted proxies.
 */
async function handle(request: Request) {
  const auth = await getAuth();
  if (request.method !== "POST") return auth.handler(request);
  const client = `ip:${clientAddress(request.headers)}`;
  const passwordSignIn = new URL(request.url).pathname === PASSWORD_SIGN_IN;
  try {
    await consumeRateLimit("auth", client);
    const email = passwordSignIn ? await signInEmail(request) : null;
    if (passwordSignIn) await consumeRateLimit("password", client);
    // Counted before the password is checked, so parallel guesses cannot slip past the lockout.
    if (email) await consumeRateLimit("account", email);
    const response = await auth.handler(request);
    if (response.status < 400) {
      await refundRateLimit("auth", client);
      if (passwordSignIn) await refundRateLimit("password", client);
      if (email) await refundRateLimit("account", email);
    }
    return response;
  } catch (err) {
    return errorResponse(err);
  }
}

export { handle as GET, handle as POST };
