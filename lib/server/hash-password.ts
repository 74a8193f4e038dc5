import "server-only";
import { getAuth } from "@/lib/auth/auth";

/** better-auth's scrypt hash of a password (salt:key), as its sign-in verifies it. */
export async function hashPassword(password: string): Promise<string> {
  return (await (await getAuth()).$context).password.hash(password);
}
