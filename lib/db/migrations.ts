import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { type OpenDatabase, openDatabase } from "./open-database";

// Prisma Migrate without the native schema-engine binary (which cannot be downloaded offline): Prisma's own
// schema engine compiled to WebAssembly, driven through driver adapters. Migrations keep Prisma's standard
// layout (prisma/migrations/<timestamp>_<name>/migration.sql + migration_lock.toml) and the standard
// _prisma_migrations table, so the native `prisma migrate deploy` works on the same folder elsewhere.

export type MigrationPaths = { schema: string; migrations: string };

// Statically scoped paths: Next's file tracing then ships prisma/ with the server, and nothing else.
export function defaultMigrationPaths(): MigrationPaths {
  return {
    schema: path.join(process.cwd(), "prisma", "schema.prisma"),
    migrations: path.join(process.cwd(), "prisma", "migrations"),
  };
}

const LOCKFILE = "migration_lock.toml";
const FILTERS = { externalTables: [], externalEnums: [] };

type WasmRuntime = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
type SchemaEngine = Awaited<ReturnType<WasmRuntime["SchemaEngine"]["new"]>>;
type SchemaFile = { path: string; content: string };

let runtimePromise: Promise<WasmRuntime> | undefined;
function loadWasmEngine(): Promise<WasmRuntime> {
  // The package's root entry imports the .wasm as an ES module (needs experimental Node flags), so
  // instantiate it by hand the way wasm-bindgen's bundler glue expects.
  runtimePromise ??= (async () => {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const runtime: WasmRuntime = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ bgPath);
    const bytes = await readFile(
      /* turbopackIgnore: true */ path.join(path.dirname(bgPath), "schema_engine_bg.wasm"),
    );
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as unknown as { __wbindgen_start?: () => void };
    runtime.__wbg_set_wasm(instance.exports);
    exports.__wbindgen_start?.();
    return runtime;
  })();
  return runtimePromise;
}

async function withEngine<T>(
  db: OpenDatabase,
  schemaFiles: SchemaFile[],
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  // engine.free() does not dispose the connections the engine opened (one holds its advisory lock), so track
  // and dispose them: otherwise the next engine on PostgreSQL waits for that lock to time out.
  const opened: { dispose: () => Promise<void> }[] = [];
  const factory = Object.create(db.adapterFactory) as typeof db.adapterFactory;
  factory.connect = async () => {
    const adapter = await db.adapterFactory.connect();
    opened.push(adapter);
    return adapter;
  };
  const { SchemaEngine } = await loadWasmEngine();
  const engine = await SchemaEngine.new(
    { datamodels: schemaFiles.map((f) => [f.path, f.content]) },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}

async function readSchemaFiles(paths: MigrationPaths): Promise<SchemaFile[]> {
  return [{ path: paths.schema, content: await readFile(/* turbopackIgnore: true */ paths.schema, "utf8") }];
}

export async function listMigrationNames(paths: MigrationPaths = defaultMigrationPaths()): Promise<string[]> {
  if (!existsSync(/* turbopackIgnore: true */ paths.migrations)) return [];
  const entries = await readdir(/* turbopackIgnore: true */ paths.migrations, { withFileTypes: true });
  return entries
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

async function readMigrations(paths: MigrationPaths) {
  const lockPath = path.join(paths.migrations, LOCKFILE);
  const names = await listMigrationNames(paths);
  return {
    baseDir: paths.migrations,
    lockfile: {
      path: LOCKFILE,
      content: existsSync(/* turbopackIgnore: true */ lockPath)
        ? await readFile(/* turbopackIgnore: true */ lockPath, "utf8")
        : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(
            /* turbopackIgnore: true */ path.join(paths.migrations, name, "migration.sql"),
            "utf8",
          ).then(
            (value) => ({ tag: "ok" as const, value }),
            (err: Error) => ({ tag: "error" as const, value: err.message }),
          ),
        },
      })),
    ),
  };
}

/** Applies pending migrations; returns the names applied now. */
export async function applyMigrations(
  db: OpenDatabase,
  paths: MigrationPaths = defaultMigrationPaths(),
): Promise<string[]> {
  const migrationsList = await readMigrations(paths);
  const result = await withEngine(db, await readSchemaFiles(paths), (engine) =>
    engine.applyMigrations({ migrationsList, filters: FILTERS }),
  );
  return result.appliedMigrationNames;
}

export type MigrationStatus = { total: number; problems: string[] };

export async function migrationStatus(
  db: OpenDatabase,
  paths: MigrationPaths = defaultMigrationPaths(),
): Promise<MigrationStatus> {
  const migrationsList = await readMigrations(paths);
  const d = await withEngine(db, await readSchemaFiles(paths), (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: FILTERS }),
  );
  const problems: string[] = [];
  if (d.failedMigrationNames.length) problems.push(`failed: ${d.failedMigrationNames.join(", ")}`);
  if (d.editedMigrationNames.length)
    problems.push(`edited after being applied: ${d.editedMigrationNames.join(", ")}`);
  const h = d.history;
  if (h?.diagnostic === "databaseIsBehind")
    problems.push(`not yet applied: ${h.unappliedMigrationNames.join(", ")}`);
  if (h?.diagnostic === "migrationsDirectoryIsBehind")
    problems.push(`applied but missing locally: ${h.unpersistedMigrationNames.join(", ")}`);
  if (h?.diagnostic === "historiesDiverge")
    problems.push(`histories diverge after ${h.lastCommonMigrationName}`);
  return { total: migrationsList.migrationDirectories.length, problems };
}

/** Drops everything in the database (the caller re-applies migrations). */
export async function resetDatabase(db: OpenDatabase, paths: MigrationPaths = defaultMigrationPaths()) {
  await withEngine(db, await readSchemaFiles(paths), (engine) => engine.reset({ filter: FILTERS }));
}

// The shadow copy holds no rows, so the engine's data-loss check stays silent about drops: flag them.
function dropWarnings(sql: string): string[] {
  const out: string[] = [];
  for (const [, table] of sql.matchAll(/^DROP TABLE "([^"]+)"/gm))
    out.push(`You are about to drop the \`${table}\` table. All the data in the table will be lost.`);
  for (const [stmt, table] of sql.matchAll(/^ALTER TABLE "([^"]+)"[^;]*;/gm))
    for (const [, column] of stmt.matchAll(/DROP COLUMN "([^"]+)"/g))
      out.push(
        `You are about to drop the column \`${column}\` on the \`${table}\` table. All the data in the column will be lost.`,
      );
  return out;
}

/**
 * The SQL that would bring the migration history up to schema.prisma, or null when in sync. Needs no target
 * database: the history is replayed into a throw-away in-memory PGlite (the Wasm engine cannot create its
 * own shadow database), which is then diffed against the schema.
 */
export async function pendingSchemaChange(paths: MigrationPaths = defaultMigrationPaths()) {
  const files = await readSchemaFiles(paths);
  const migrationsList = await readMigrations(paths);
  const shadow = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  try {
    return await withEngine(shadow, files, async (engine) => {
      if (migrationsList.migrationDirectories.length)
        await engine.applyMigrations({ migrationsList, filters: FILTERS });
      const diff = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: path.dirname(paths.schema) },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true,
        filters: FILTERS,
      });
      if (diff.exitCode !== 2 || !diff.stdout) return null;
      // Let the engine evaluate the change on the copy too, for the warnings `prisma migrate dev` writes.
      const push = await engine.schemaPush({ force: false, schema: { files }, filters: FILTERS });
      const warnings = [...push.unexecutable, ...push.warnings, ...dropWarnings(diff.stdout)];
      return warnings.length
        ? `/*\n  Warnings:\n\n${warnings.map((w) => `  - ${w}\n`).join("")}\n*/\n${diff.stdout}`
        : diff.stdout;
    });
  } finally {
    await shadow.close();
  }
}

const timestamp = () => new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const slugify = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 200);

/** Writes a new migration directory with `sql`; returns its path. */
export async function writeMigration(
  name: string,
  sql: string,
  paths: MigrationPaths = defaultMigrationPaths(),
): Promise<string> {
  const dir = path.join(paths.migrations, `${timestamp()}_${slugify(name) || "migration"}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  const lockPath = path.join(paths.migrations, LOCKFILE);
  if (!existsSync(/* turbopackIgnore: true */ lockPath)) {
    await writeFile(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  return path.join(dir, "migration.sql");
}
