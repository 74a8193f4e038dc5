import "server-only";
import { getAuth } from "@/lib/auth/auth";
import { type Actor, ANONYMOUS } from "./actor";

/** The signed-in user of a request's session cookie, or anonymous (also for a disabled account). */
export async function findSessionActor(headers: Headers): Promise<Actor> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  if (!session) return ANONYMOUS;
  const user = session.user as typeof session.user & { instanceAdmin?: boolean; disabledAt?: Date | null };
  // Disabling an account deletes its sessions; this also covers a session that raced with the disabling.
  if (user.disabledAt) return ANONYMOUS;
  return {
    kind: "user",
    userId: user.id,
    label: user.email,
    instanceAdmin: user.instanceAdmin === true,
    sessionId: session.session.id,
  };
}
