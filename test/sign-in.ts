import { getAuth } from "@/lib/auth/auth";
import { SYSTEM } from "@/lib/server/actor";
import { createUser } from "@/lib/server/create-user";

/** Signs an account in through better-auth and returns its `rampart.session_token=…` cookie pair. */
export async function sessionCookie(email: string, password: string): Promise<string> {
  const auth = await getAuth();
  const response = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("rampart.session_token="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0];
}

/** The Origin the route tests send: a cookie-authenticated mutation without it is refused as cross-site. */
export const TEST_ORIGIN = "http://rampart.test";
export const TEST_PASSWORD = "correct horse battery staple";

/**
 * Creates an instance admin named after `tag`, signs it in, and returns the headers a browser would send with its
 * JSON calls: the session cookie and the site's own Origin.
 */
export async function signInInstanceAdmin(tag: string): Promise<() => Headers> {
  const email = `root-${tag}@example.com`;
  await createUser(SYSTEM, { name: "root", email, password: TEST_PASSWORD, instanceAdmin: true });
  const cookie = await sessionCookie(email, TEST_PASSWORD);
  return () => new Headers({ "content-type": "application/json", cookie, origin: TEST_ORIGIN });
}
