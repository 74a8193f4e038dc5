import "server-only";
import { describeDatabase } from "@/lib/db/database-config";
import { getConnection } from "./db";
import { loadDemoIfEmpty } from "./load-demo-program";

/** Server start-up: open the database (applying pending migrations), then load the demo on an empty one. */
export async function prepareServer() {
  const started = performance.now();
  const { config } = await getConnection();
  console.log(`Rampart: ${describeDatabase(config)} ready in ${Math.round(performance.now() - started)} ms`);
  try {
    const scans = await loadDemoIfEmpty();
    if (scans)
      console.log(
        `Rampart: loaded the demo program (${scans} scans) in ${Math.round(performance.now() - started)} ms`,
      );
  } catch (err) {
    // The app stays usable without the demo; say why it is missing.
    console.error("Rampart: could not load the demo program:", err instanceof Error ? err.message : err);
  }
}
