import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * BETTER_AUTH_SECRET signs sessions. When it is not set (the embedded quick start), a random secret is made once
 * and kept beside the data (`$RAMPART_DATA_DIR/auth-secret`, mode 600) so sessions survive restarts.
 */
export function resolveAuthSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  const dir = path.resolve(/* turbopackIgnore: true */ env.RAMPART_DATA_DIR ?? ".data");
  const file = path.join(dir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  // The data directory holds this secret and the embedded database: owner-only, like everything in it.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
