import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-address";
import { requestOrigins } from "@/lib/http/request-origins";
import { getDb } from "@/lib/server/db";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/password-length";
import { resolveAuthSecret } from "./auth-secret";

async function createAuth() {
  const prisma = await getDb();
  const publicUrl = process.env.RAMPART_URL;
  const oidc = process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET;
  return betterAuth({
    appName: "Rampart",
    // RAMPART_URL pins the public URL. Without it (the quick start), the URL each request was sent to, as the
    // same-origin checks below do: said explicitly, so better-auth does not warn that BETTER_AUTH_URL is unset.
    // Server-side calls that carry no request (tests, start-up) fall back to a name no site can have: the fallback
    // is trusted as an origin, so it must never be one an attacker could serve.
    baseURL: publicUrl ?? { allowedHosts: ["*"], protocol: "auto", fallback: "http://rampart.invalid" },
    // Same-origin only: the host the request was sent to (and RAMPART_URL), like the API's CSRF check.
    trustedOrigins: (request) => (request ? requestOrigins(request) : publicUrl ? [publicUrl] : []),
    secret: resolveAuthSecret(),
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      // Accounts are created by the first-run setup and by admins, never by self sign-up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
    },
    user: {
      additionalFields: {
        instanceAdmin: { type: "boolean", defaultValue: false, input: false },
        disabledAt: { type: "date", required: false, input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // Rampart limits the auth endpoints itself (app/api/auth/[...all]/route.ts): per client address as trusted
    // proxies report it and per account, in the database.
    rateLimit: { enabled: false },
    // Password changes and resets go through Rampart's own routes (audited, other sessions revoked); accounts
    // are changed by admins only.
    disabledPaths: [
      "/change-password",
      "/set-password",
      "/verify-password",
      "/request-password-reset",
      "/reset-password",
      "/change-email",
      "/update-user",
      "/delete-user",
    ],
    databaseHooks: {
      session: {
        create: {
          // Every way in (password, single sign-on) makes a session: a disabled account gets none.
          before: async (session) => {
            const user = await prisma.user.findUnique({
              where: { id: session.userId },
              select: { disabledAt: true },
            });
            if (user?.disabledAt) throw new APIError("FORBIDDEN", { message: "this account is disabled" });
          },
        },
      },
    },
    advanced: {
      // The address stored with a session: the real TCP peer (scripts/peer-address.cjs), never a claimed one.
      ipAddress: { ipAddressHeaders: [PEER_ADDRESS_HEADER] },
      cookiePrefix: "rampart",
      useSecureCookies: publicUrl?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: oidc
      ? [
          genericOAuth({
            config: [
              {
                providerId: "oidc",
                discoveryUrl: `${process.env.OIDC_ISSUER?.replace(/\/$/, "")}/.well-known/openid-configuration`,
                clientId: process.env.OIDC_CLIENT_ID as string,
                clientSecret: process.env.OIDC_CLIENT_SECRET as string,
                scopes: ["openid", "email", "profile"],
              },
            ],
          }),
        ]
      : [],
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

const globalForAuth = globalThis as unknown as { rampartAuth?: Promise<Auth> };

/** The better-auth instance, created once per process on the shared Prisma client. */
export function getAuth(): Promise<Auth> {
  globalForAuth.rampartAuth ??= createAuth();
  return globalForAuth.rampartAuth;
}
