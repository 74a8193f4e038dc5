import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export type BulkColumn = { name: string; type: "text" | "integer" | "jsonb" | "ControlStatus" };

const ROWS_PER_STATEMENT = 20_000;

/**
 * INSERT … SELECT FROM unnest(array per column): one round trip per 20k rows instead of Prisma's createMany
 * (which binds every value as its own parameter and was ~25× slower than COPY). Values are bound as text
 * arrays and cast server-side, so nothing is interpolated into the SQL. Table and column names come from code.
 */
export async function bulkInsert(
  tx: Prisma.TransactionClient,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly unknown[][],
  { onConflictDoNothing = false } = {},
): Promise<void> {
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`);
  const cast = {
    text: "",
    integer: "::integer",
    jsonb: "::jsonb",
    ControlStatus: '::"ControlStatus"',
  };
  const selects = columns.map((c, i) => `${aliases[i]}${cast[c.type]}`);
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${selects.join(", ")} FROM unnest(${columns
    .map((_, i) => `$${i + 1}::text[]`)
    .join(", ")}) AS u(${aliases.join(", ")})${onConflictDoNothing ? " ON CONFLICT DO NOTHING" : ""}`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const arrays = columns.map((c, i) =>
      chunk.map((row) => {
        const value = row[i];
        if (value === null || value === undefined) return null;
        return c.type === "jsonb" ? JSON.stringify(value) : String(value);
      }),
    );
    await tx.$executeRawUnsafe(sql, ...arrays);
  }
}
