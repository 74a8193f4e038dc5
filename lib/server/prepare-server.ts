import "server-only";
import { describeDatabase } from "@/lib/db/database-config";
import { getConnection } from "./db";

export async function prepareServer() {
  const started = performance.now();
  const { config } = await getConnection();
  console.log(`Rampart: ${describeDatabase(config)} ready in ${Math.round(performance.now() - started)} ms`);
}
