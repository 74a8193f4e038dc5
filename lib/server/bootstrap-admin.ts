import "server-only";
import { SYSTEM } from "./actor";
import { createUser } from "./create-user";
import { getDb } from "./db";

/**
 * Headless first run (CI, containers): with RAMPART_ADMIN_EMAIL and RAMPART_ADMIN_PASSWORD set and no account
 * yet, creates that instance admin instead of printing a setup link. Returns the email when it did.
 */
export async function bootstrapAdminFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const email = env.RAMPART_ADMIN_EMAIL;
  const password = env.RAMPART_ADMIN_PASSWORD;
  if (!email || !password) return null;
  const db = await getDb();
  if ((await db.user.count()) > 0) return null;
  await createUser(SYSTEM, {
    name: env.RAMPART_ADMIN_NAME ?? "Administrator",
    email,
    password,
    instanceAdmin: true,
  });
  return email;
}
