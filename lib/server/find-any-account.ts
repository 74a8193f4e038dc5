import "server-only";
import { getDb } from "./db";

/** Whether any account exists yet: until one does, sign-in is impossible and the setup link is the way in. */
export async function findAnyAccount(): Promise<boolean> {
  const db = await getDb();
  return (await db.user.findFirst({ select: { id: true } })) !== null;
}
