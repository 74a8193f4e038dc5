import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export type BulkColumn = { name: string; type: "text" | "integer" | "jsonb" | "ControlStatus" };

const ROWS_PER_STATEMENT = 20_000;

/**
 * INSERT … SELECT FROM jsonb_array_elements($1): the rows go as one JSON array of arrays per 20k rows, one
 * round trip each, instead of Prisma's createMany (which binds every value as its own parameter and was ~25×
 * slower than COPY). One JSON.stringify here and one JSON parse in the server: jsonb values (labels,
 * containers, …) are taken as they are, not stringified and escaped again into a text[] literal and parsed
 * twice as before. Nothing is interpolated into the SQL; table and column names come from code.
 */
export async function bulkInsert(
  tx: Prisma.TransactionClient,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
  { onConflictDoNothing = false } = {},
): Promise<void> {
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const field = {
    text: (i: number) => `r->>${i}`,
    integer: (i: number) => `(r->>${i})::integer`,
    // A JSON null is SQL NULL in the table, as before (not the jsonb value null).
    jsonb: (i: number) => `NULLIF(r->${i}, 'null'::jsonb)`,
    // biome-ignore lint/correctness/noComponentHookFactories: a SQL cast keyed by the column's enum type, not a React component
    ControlStatus: (i: number) => `(r->>${i})::"ControlStatus"`,
  };
  const selects = columns.map((c, i) => field[c.type](i));
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${selects.join(", ")} FROM jsonb_array_elements($1::jsonb) AS u(r)${onConflictDoNothing ? " ON CONFLICT DO NOTHING" : ""}`;
  // Pipelined: the next statement's JSON is built (in slices, yielding to the event loop) while the database
  // inserts the previous one, instead of the server and this process taking turns.
  let pending: Promise<unknown> | undefined;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const json = await chunkJson(rows, start, Math.min(rows.length, start + ROWS_PER_STATEMENT));
    if (pending) await pending;
    // A row is an array: JSON.stringify writes its undefined values as null (SQL NULL).
    pending = Promise.resolve(tx.$executeRawUnsafe(sql, json));
    // Awaited at the next turn; until then its failure must not count as unhandled.
    pending.catch(() => {});
  }
  await pending;
}

const SLICE = 2_000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** JSON.stringify(rows.slice(start, end)), built SLICE rows at a time with a yield between slices. */
async function chunkJson(rows: readonly unknown[][], start: number, end: number): Promise<string> {
  const parts: string[] = [];
  for (let i = start; i < end; i += SLICE) {
    if (i > start) await yieldToEventLoop();
    parts.push(JSON.stringify(rows.slice(i, Math.min(end, i + SLICE))).slice(1, -1));
  }
  return `[${parts.join(",")}]`;
}
