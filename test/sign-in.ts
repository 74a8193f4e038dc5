import { getAuth } from "@/lib/auth/auth";

/** Signs an account in through better-auth and returns its `rampart.session_token=…` cookie pair. */
export async function sessionCookie(email: string, password: string): Promise<string> {
  const auth = await getAuth();
  const response = await auth.api.signInEmail({ body: { email, password }, asResponse: true });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("rampart.session_token="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0];
}
