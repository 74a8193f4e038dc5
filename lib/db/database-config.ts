import path from "node:path";
import { z } from "zod";

/** Where the data lives: an embedded PGlite directory (the default) or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite"; dataDir: "memory://" }
  | { kind: "postgres"; url: string };

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^(postgres(ql)?:\/\/|pglite:)/, "must start with postgresql://, postgres:// or pglite:")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  RAMPART_DATA_DIR: z.string().trim().min(1).optional(),
});

/**
 * Reads DATABASE_URL / RAMPART_DATA_DIR. Unset DATABASE_URL means PGlite in `<RAMPART_DATA_DIR>/pglite`
 * (default `.data/pglite`); `pglite:<dir>` names the directory; `pglite:memory` is a throw-away database.
 */
export function resolveDatabaseConfig(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): DatabaseConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  const { DATABASE_URL: url, RAMPART_DATA_DIR: dataRoot } = parsed.data;
  if (url && !url.startsWith("pglite:")) return { kind: "postgres", url };
  const dir = url?.slice("pglite:".length);
  if (dir === "memory" || dir === "memory://") return { kind: "pglite", dataDir: "memory://" };
  return { kind: "pglite", dataDir: path.resolve(cwd, dir || path.join(dataRoot ?? ".data", "pglite")) };
}

/** A human description without credentials, safe for logs and /api/health. */
export function describeDatabase(config: DatabaseConfig, cwd = process.cwd()): string {
  if (config.kind === "pglite") {
    return config.dataDir === "memory://"
      ? "PGlite (in memory)"
      : `PGlite at ${path.relative(cwd, config.dataDir) || config.dataDir}`;
  }
  const url = new URL(config.url);
  return `PostgreSQL ${url.host}${url.pathname}`;
}
