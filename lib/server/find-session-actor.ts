import "server-only";
import { getAuth } from "@/lib/auth/auth";
import { type Actor, ANONYMOUS } from "./actor";

/** The signed-in user of a request's session cookie, or anonymous. */
export async function findSessionActor(headers: Headers): Promise<Actor> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  if (!session) return ANONYMOUS;
  const user = session.user as typeof session.user & { instanceAdmin?: boolean };
  return { kind: "user", userId: user.id, label: user.email, instanceAdmin: user.instanceAdmin === true };
}
