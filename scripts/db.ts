// Database maintenance without Prisma's native engine: `tsx scripts/db.ts <command>`.
//   migrate                 apply pending migrations to DATABASE_URL (default: PGlite in .data/pglite)
//   create --name x [--empty]  write a new migration from schema.prisma (needs no database)
//   status                  exit 1 when migrations are pending, failed or edited
//   check                   exit 2 when schema.prisma has changes no migration holds
//   reset --force           drop everything, then re-apply all migrations
//   copy --to <postgresql://…> [--force]  copy every row of DATABASE_URL (default PGlite) into a PostgreSQL database
//   backup --out <file>     PGlite only: write a backup of the data directory (the server must be stopped)
//   restore --from <file> [--force]  PGlite only: restore a backup into the data directory (server stopped)
//   prune [--days N] [--project slug] [--dry-run]  apply the retention policy (default RAMPART_RETENTION_DAYS);
//                           needs `tsx --conditions=react-server` (npm run db:prune), as lib/server is server-only
import path from "node:path";
import { parseArgs } from "node:util";
import { backupDataDir, restoreDataDir } from "../lib/db/backup-data-dir";
import { copyDatabase } from "../lib/db/copy-database";
import { type DatabaseConfig, describeDatabase, resolveDatabaseConfig } from "../lib/db/database-config";
import {
  applyMigrations,
  migrationStatus,
  pendingSchemaChange,
  resetDatabase,
  writeMigration,
} from "../lib/db/migrations";
import { openDatabase } from "../lib/db/open-database";

const USAGE =
  "usage: tsx scripts/db.ts <migrate | create --name <name> [--empty] | status | check | reset --force |\n" +
  "  copy --to <postgresql://…> [--force] | backup --out <file> | restore --from <file> [--force] |\n" +
  "  prune [--days N] [--project <slug>] [--dry-run]>";

async function withTarget<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) {
  const db = await openDatabase(resolveDatabaseConfig());
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function migrate(): Promise<number> {
  const started = performance.now();
  const applied = await withTarget((db) => applyMigrations(db));
  const where = describeDatabase(resolveDatabaseConfig());
  const ms = Math.round(performance.now() - started);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${where} in ${ms} ms:\n  ${applied.join("\n  ")}`
      : `${where}: no pending migrations [${ms} ms]`,
  );
  return 0;
}

async function create(name: string | undefined, empty: boolean): Promise<number> {
  if (!name) {
    console.error(`--name is required\n${USAGE}`);
    return 2;
  }
  const sql = empty ? "-- This is an empty migration.\n" : await pendingSchemaChange();
  if (!sql) {
    console.log("Already in sync: prisma/schema.prisma matches the migration history.");
    return 0;
  }
  console.log(`Created ${path.relative(process.cwd(), await writeMigration(name, sql))}`);
  return 0;
}

async function check(): Promise<number> {
  const sql = await pendingSchemaChange();
  if (!sql) {
    console.log("prisma/schema.prisma matches the migration history.");
    return 0;
  }
  console.error(
    `prisma/schema.prisma has changes that no migration holds. Run: npm run db:migrate:create -- --name <name>\n\n${sql}`,
  );
  return 2;
}

async function status(): Promise<number> {
  const { total, problems } = await withTarget((db) => migrationStatus(db));
  console.log(
    `${total} migration(s) in prisma/migrations; target: ${describeDatabase(resolveDatabaseConfig())}`,
  );
  console.log(problems.length ? problems.join("\n") : "Database schema is up to date.");
  return problems.length ? 1 : 0;
}

async function reset(force: boolean): Promise<number> {
  if (!force) {
    console.error(`reset drops all data in ${describeDatabase(resolveDatabaseConfig())}; pass --force`);
    return 2;
  }
  await withTarget((db) => resetDatabase(db));
  console.log(`Reset ${describeDatabase(resolveDatabaseConfig())}`);
  return migrate();
}

async function copy(to: string | undefined, force: boolean): Promise<number> {
  const target = to?.match(/^postgres(ql)?:\/\//) ? resolveDatabaseConfig({ DATABASE_URL: to }) : undefined;
  if (target?.kind !== "postgres") {
    console.error(`--to must name a PostgreSQL database (postgresql://…)\n${USAGE}`);
    return 2;
  }
  const started = performance.now();
  const copied = await withTarget((db) => copyDatabase(db, target.url, { force }));
  const ms = Math.round(performance.now() - started);
  const from = describeDatabase(resolveDatabaseConfig());
  console.log(`Copied ${from} to ${describeDatabase(target)} in ${ms} ms:`);
  for (const { table, rows } of copied) console.log(`  ${table}: ${rows} row(s)`);
  return 0;
}

/** The PGlite directory that backup/restore work on; PostgreSQL has pg_dump/pg_restore. */
function pgliteDir(config: DatabaseConfig, verb: string): string | null {
  if (config.kind === "pglite" && config.dataDir !== "memory://") return config.dataDir;
  console.error(
    `db:${verb} works on a PGlite directory; ${describeDatabase(config)} is backed up with pg_dump / pg_restore (README, Deployment)`,
  );
  return null;
}

async function backup(out: string | undefined): Promise<number> {
  const dir = pgliteDir(resolveDatabaseConfig(), "backup");
  if (!dir) return 2;
  if (!out) {
    console.error(`--out is required\n${USAGE}`);
    return 2;
  }
  const bytes = await backupDataDir(dir, out);
  console.log(`Backed up ${describeDatabase(resolveDatabaseConfig())} to ${out} (${bytes} bytes)`);
  return 0;
}

async function restore(from: string | undefined, force: boolean): Promise<number> {
  const dir = pgliteDir(resolveDatabaseConfig(), "restore");
  if (!dir) return 2;
  if (!from) {
    console.error(`--from is required\n${USAGE}`);
    return 2;
  }
  await restoreDataDir(dir, from, { force });
  console.log(`Restored ${from} into ${describeDatabase(resolveDatabaseConfig())}`);
  return 0;
}

async function prune(days: string | undefined, projectSlug: string | undefined, dryRun: boolean) {
  // lib/server is loaded only here: the other commands run without the react-server condition.
  const { pruneScans, retentionDaysFromEnv } = await import("../lib/server/prune-scans");
  const { closeConnection } = await import("../lib/server/db");
  const retention = retentionDaysFromEnv(days === undefined ? process.env : { RAMPART_RETENTION_DAYS: days });
  if (retention === null) {
    console.error(`no retention policy: pass --days N or set RAMPART_RETENTION_DAYS\n${USAGE}`);
    return 2;
  }
  try {
    const pruned = await pruneScans({ days: retention, projectSlug, dryRun });
    const total = pruned.reduce((n, p) => n + p.scans.length, 0);
    const verb = dryRun ? "Would prune" : "Pruned";
    console.log(
      `${verb} ${total} scan(s) older than ${retention} days (first and last of every period kept):`,
    );
    for (const p of pruned) console.log(`  ${p.environment} (${p.environmentId}): ${p.scans.length}`);
    return 0;
  } finally {
    await closeConnection();
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string", short: "n" },
      empty: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      to: { type: "string" },
      out: { type: "string" },
      from: { type: "string" },
      days: { type: "string" },
      project: { type: "string" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  switch (positionals[0]) {
    case "migrate":
      return migrate();
    case "create":
      return create(values.name ?? positionals[1], values.empty);
    case "check":
      return check();
    case "status":
      return status();
    case "reset":
      return reset(values.force);
    case "copy":
      return copy(values.to, values.force);
    case "backup":
      return backup(values.out);
    case "restore":
      return restore(values.from, values.force);
    case "prune":
      return prune(values.days, values.project, values["dry-run"]);
    default:
      console.error(USAGE);
      return 2;
  }
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
}
// The Wasm engine leaves an un-cleared timer behind (advisory-lock timeout): exit explicitly.
process.exit(code);
