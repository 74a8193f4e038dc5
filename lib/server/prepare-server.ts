import "server-only";
import { describeDatabase, resolveDatabaseConfig } from "@/lib/db/database-config";
import { withStartupLock } from "@/lib/db/startup-lock";
import { parseTrustedProxies } from "@/lib/http/client-address";
import { bootstrapAdminFromEnv } from "./bootstrap-admin";
import { closeConnectionOnShutdown, getConnection, getDb } from "./db";
import { createSetupLink } from "./first-run-setup";
import { loadDemoIfEmpty } from "./load-demo-program";
import { pruneScans, retentionDaysFromEnv } from "./prune-scans";
import { closeReportBrowser } from "./render-report-pdf";
import { storeScanAggregates } from "./store-scan-aggregates";

/**
 * Server start-up: open the database (applying pending migrations), then load the demo on an empty one. Replicas
 * starting together on one PostgreSQL take turns (withStartupLock): migrations, the demo and the headless admin
 * happen exactly once.
 */
export async function prepareServer() {
  closeConnectionOnShutdown(closeReportBrowser);
  // A malformed RAMPART_TRUSTED_PROXIES stops the start with its reason, rather than failing every sign-in.
  parseTrustedProxies(process.env.RAMPART_TRUSTED_PROXIES);
  await withStartupLock(resolveDatabaseConfig(), startUp);
}

async function startUp() {
  const started = performance.now();
  const { config } = await getConnection();
  console.log(`Rampart: ${describeDatabase(config)} ready in ${Math.round(performance.now() - started)} ms`);
  // Scans stored before ScanAggregate existed get theirs once (a no-op afterwards).
  const aggregated = await storeScanAggregates(await getDb());
  if (aggregated)
    console.log(
      `Rampart: wrote the aggregates of ${aggregated} older scan(s) in ${Math.round(performance.now() - started)} ms`,
    );
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
  // The retention policy (RAMPART_RETENTION_DAYS) runs at each start; `npm run db:prune` runs it on a schedule.
  const retentionDays = retentionDaysFromEnv();
  if (retentionDays) {
    const pruned = await pruneScans({ days: retentionDays });
    const total = pruned.reduce((n, p) => n + p.scans.length, 0);
    if (total) console.log(`Rampart: pruned ${total} scan(s) older than ${retentionDays} days (audited)`);
  }
  const bootstrapped = await bootstrapAdminFromEnv();
  if (bootstrapped)
    console.log(`Rampart: created the instance admin ${bootstrapped} from RAMPART_ADMIN_EMAIL`);
  const setup = await createSetupLink();
  if (setup) {
    const base = process.env.RAMPART_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
    console.log(`Rampart: no account yet. Open this one-time link to create the admin: ${base}${setup}`);
  }
}
