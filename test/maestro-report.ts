// Prints, as one JSON line, the demo program's golden report (lib/server/find-report.test.ts: the final period as
// Markdown at a fixed time) and the row count of every table of DATABASE_URL; with `load`, loads the demo first.
// Run with `tsx --conditions=react-server` (lib/server is server-only) by the copy and backup tests.
import { countRows } from "../lib/db/copy-database";
import { renderMarkdown } from "../lib/report/render-markdown";
import { SYSTEM } from "../lib/server/actor";
import { closeConnection, getDb } from "../lib/server/db";
import { findReport } from "../lib/server/find-report";
import { loadDemoProgram } from "../lib/server/load-demo-program";

const generatedAt = new Date("2025-11-29T18:00:00Z");
try {
  if (process.argv[2] === "load") await loadDemoProgram();
  const report = await findReport(SYSTEM, "maestro", { period: "week-6-8", generatedAt });
  const prisma = await getDb();
  const counts = await countRows(async (sql) =>
    ((await prisma.$queryRawUnsafe(sql)) as Record<string, unknown>[]).map((row) => Object.values(row)),
  );
  console.log(JSON.stringify({ markdown: renderMarkdown(report), counts }));
} finally {
  await closeConnection();
}
process.exit(0);
