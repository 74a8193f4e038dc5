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
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    // A row is an array: JSON.stringify writes its undefined values as null (SQL NULL).
    await tx.$executeRawUnsafe(sql, JSON.stringify(chunk));
  }
}
