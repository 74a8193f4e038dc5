import type { SqlQueryable } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { applyMigrations } from "./migrations";
import type { OpenDatabase } from "./open-database";
import { openDatabase } from "./open-database";

// Moving a program history off the embedded database: every table of the source (PGlite or PostgreSQL) into a
// PostgreSQL target migrated to the same schema, rows as they are (ids included). Rows travel as row_to_json and
// come back through json_populate_recordset, PostgreSQL's own text forms of every type (timestamps to the
// microsecond, Json, enums, bytea), so nothing is reinterpreted on the way.

/** Rows per INSERT: a few MB of JSON at most for the widest rows (a scan's summary). */
const BATCH = 500;

export class TargetNotEmptyError extends Error {
  constructor(readonly tables: string[]) {
    super(
      `the target database already holds data (${tables.join(", ")}): copy into an empty database, or pass --force to replace what it holds`,
    );
    this.name = "TargetNotEmptyError";
  }
}

/** Runs a query without parameters and returns its rows as arrays. */
export type Reader = (sql: string) => Promise<unknown[][]>;

function readerOf(db: SqlQueryable): Reader {
  return async (sql) => (await db.queryRaw({ sql, args: [], argTypes: [] })).rows;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The application's tables (not Prisma's migration log), parents before the tables that refer to them. */
async function tablesInDependencyOrder(read: Reader): Promise<string[]> {
  const tables = (
    await read(
      `SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    )
  ).map((row) => String(row[0]));
  const edges = await read(
    `SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
     JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const [child, parent] of edges) {
    const name = (s: unknown) => String(s).replace(/^"|"$/g, "");
    // A table referring to itself orders its rows, not the tables: rows are copied in one statement per batch.
    if (name(child) !== name(parent)) parents.get(name(child))?.add(name(parent));
  }
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table)) return;
    if (path.has(table)) throw new Error(`foreign keys form a cycle through ${table}`);
    path.add(table);
    for (const parent of parents.get(table) ?? []) visit(parent, path);
    path.delete(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

export type CopyResult = { table: string; rows: number }[];

/**
 * Copies every row of `source` into the PostgreSQL database at `targetUrl` (migrated first). Refuses a target
 * that holds any row unless `force`, which empties it first. Runs in one target transaction: a failed copy
 * leaves the target as it was. Column defaults backed by sequences are moved past the copied values.
 */
export async function copyDatabase(
  source: OpenDatabase,
  targetUrl: string,
  { force = false }: { force?: boolean } = {},
): Promise<CopyResult> {
  await applyMigrations(source);
  const target = await openDatabase({ kind: "postgres", url: targetUrl });
  try {
    await applyMigrations(target);
  } finally {
    await target.close();
  }
  const connection = await source.adapterFactory.connect();
  const client = new pg.Client({ connectionString: targetUrl });
  await client.connect();
  try {
    const read = readerOf(connection);
    const tables = await tablesInDependencyOrder(read);
    await client.query("BEGIN");
    const nonEmpty: string[] = [];
    for (const table of tables) {
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${quote(table)}) AS found`);
      if (rows[0].found) nonEmpty.push(table);
    }
    if (nonEmpty.length && !force) throw new TargetNotEmptyError(nonEmpty);
    if (nonEmpty.length) await client.query(`TRUNCATE ${tables.map(quote).join(", ")} CASCADE`);
    const result: CopyResult = [];
    for (const table of tables) {
      let rows = 0;
      for (let offset = 0; ; offset += BATCH) {
        // Ordered by every column's text: a stable walk without knowing the table's key.
        const batch = await read(
          `SELECT row_to_json(t)::text FROM ${quote(table)} t ORDER BY t::text LIMIT ${BATCH} OFFSET ${offset}`,
        );
        if (batch.length === 0) break;
        await client.query(
          `INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`,
          [`[${batch.map((row) => row[0]).join(",")}]`],
        );
        rows += batch.length;
        if (batch.length < BATCH) break;
      }
      result.push({ table, rows });
    }
    await fixSequences(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
    await connection.dispose();
  }
}

/** Every sequence a column default draws from continues after the largest value copied into that column. */
async function fixSequences(client: pg.Client) {
  const { rows } = await client.query(
    `SELECT c.table_name, c.column_name, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS seq
     FROM information_schema.columns c WHERE c.table_schema = 'public'
       AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
  );
  for (const { table_name, column_name, seq } of rows)
    await client.query(
      `SELECT setval($1, COALESCE((SELECT max(${quote(column_name)}) FROM ${quote(table_name)}), 0) + 1, false)`,
      [seq],
    );
}

/** Row counts of every application table, for checking a copy. */
export async function countRows(read: Reader): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesInDependencyOrder(read))
    counts[table] = Number((await read(`SELECT count(*)::int FROM ${quote(table)}`))[0][0]);
  return counts;
}
