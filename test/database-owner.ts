// A process that owns a PGlite directory, for lib/db's multi-process tests. Driven over stdin: `insert <n>` commits
// n rows one at a time, printing `ack <total>` after each commit; `count` prints `count <total>`. SIGTERM/SIGINT
// close the database (closeOnShutdown, as the server does). With COMPETING_EXIT=1 another SIGTERM handler exits at
// once, as `next start`'s does. A refused open prints its one-line reason on stderr and exits 1.
import { createInterface } from "node:readline";
import { closeOnShutdown } from "../lib/db/close-on-shutdown";
import { type OpenDatabase, openDatabase } from "../lib/db/open-database";

let db: OpenDatabase;
try {
  db = await openDatabase({ kind: "pglite", dataDir: process.argv[2] });
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
if (process.env.COMPETING_EXIT) process.on("SIGTERM", () => setTimeout(() => process.exit(143), 1));
closeOnShutdown(db.close);
const adapter = await db.adapterFactory.connect();
await adapter.executeScript("CREATE TABLE IF NOT EXISTS acknowledged (n int PRIMARY KEY)");
const count = async () => {
  const result = await adapter.queryRaw({
    sql: "SELECT count(*)::int FROM acknowledged",
    args: [],
    argTypes: [],
  });
  return Number(result.rows[0][0]);
};
let total = await count();
console.log(`ready ${process.pid} ${total}`);
for await (const line of createInterface({ input: process.stdin })) {
  const [command, n] = line.split(" ");
  if (command === "count") console.log(`count ${await count()}`);
  if (command === "insert")
    for (let i = 0; i < Number(n); i++) {
      total += 1;
      await adapter.executeRaw({ sql: `INSERT INTO acknowledged VALUES (${total})`, args: [], argTypes: [] });
      console.log(`ack ${total}`);
    }
}
await db.close();
