import "server-only";
import { createFirstAdmin } from "./create-first-admin";
import { getDb } from "./db";

/**
 * Headless first run (CI, containers): with RAMPART_ADMIN_EMAIL and RAMPART_ADMIN_PASSWORD set and no account
 * yet, creates that instance admin instead of printing a setup link. Returns the email when it did. Servers
 * starting together on one database each try; exactly one creates the admin, the others find it there.
 */
export async function bootstrapAdminFromEnv(
  env: Record<string, string | undefined> = process.env,
): Promise<string | null> {
  const email = env.RAMPART_ADMIN_EMAIL;
  const password = env.RAMPART_ADMIN_PASSWORD;
  if (!email || !password) return null;
  if ((await (await getDb()).user.count()) > 0) return null;
  const created = await createFirstAdmin({
    name: env.RAMPART_ADMIN_NAME ?? "Administrator",
    email,
    password,
  });
  return created?.email ?? null;
}
