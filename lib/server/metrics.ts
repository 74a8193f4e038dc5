import "server-only";
import client from "prom-client";
import { currentConnection } from "./db";

/** What an ingest came to: a new scan, one already stored (the same key), or an error (refused or failed). */
export type IngestOutcome = "created" | "existing" | "error";

/**
 * This process's Prometheus metrics (served by /api/metrics). One registry per process, kept on globalThis: the
 * instrumentation hook and the route handlers are separate module graphs in a Next build, and each would otherwise
 * count into its own copy. Per-process counts are what Prometheus expects: it sums over the replicas it scrapes.
 */
function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "rampart_" });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "rampart_http_request_duration_seconds",
      help: "HTTP requests by route template (never the URL), method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    ingests: new client.Counter({
      name: "rampart_ingests_total",
      help: "Scan ingests (pushes, uploads, imports) by outcome: created, existing (the same scan again), error",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    ingestDuration: new client.Histogram({
      name: "rampart_ingest_duration_seconds",
      help: "Time to store a scan (checks, one transaction, the audit entry) by outcome",
      labelNames: ["outcome"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers: [registry],
    }),
    ingestRows: new client.Counter({
      name: "rampart_ingest_rows_total",
      help: "Rows written by created scans: workloads (ScanWorkload) and control results (ControlResult)",
      labelNames: ["table"] as const,
      registers: [registry],
    }),
    dbConnections: new client.Gauge({
      name: "rampart_db_pool_connections",
      help:
        "This process's database connections: on PostgreSQL the pool's total, idle and waiting (requests queued " +
        "for a connection); on PGlite only total, its one in-process connection",
      labelNames: ["engine", "state"] as const,
      registers: [registry],
      async collect() {
        this.reset();
        // Read only: a scrape never opens the database (before start-up is done there is nothing to report).
        const stats = await currentConnection()
          ?.then((c) => c.poolStats())
          .catch(() => null);
        if (!stats) return;
        this.set({ engine: stats.engine, state: "total" }, stats.total);
        if (stats.engine === "postgresql") {
          this.set({ engine: stats.engine, state: "idle" }, stats.idle);
          this.set({ engine: stats.engine, state: "waiting" }, stats.waiting);
        }
      },
    }),
    pdfRenders: new client.Gauge({
      name: "rampart_pdf_renders",
      help: "PDF exports rendering and waiting in this process",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        // lib/server/render-report-pdf.ts keeps its queue on globalThis: read here, never changed.
        const queue = (globalThis as { rampartPdfQueue?: { active: number; waiting: unknown[] } })
          .rampartPdfQueue;
        this.set({ state: "rendering" }, queue?.active ?? 0);
        this.set({ state: "waiting" }, queue?.waiting.length ?? 0);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** One ingest's outcome, duration and (when stored) rows, in this process's metrics. */
export function recordIngest(
  outcome: IngestOutcome,
  seconds: number,
  rows: { workloads: number; results: number } | null,
) {
  const metrics = getMetrics();
  metrics.ingests.inc({ outcome });
  metrics.ingestDuration.observe({ outcome }, seconds);
  if (rows) {
    metrics.ingestRows.inc({ table: "ScanWorkload" }, rows.workloads);
    metrics.ingestRows.inc({ table: "ControlResult" }, rows.results);
  }
}

const holder = globalThis as unknown as { rampartMetrics?: Metrics };

export function getMetrics(): Metrics {
  holder.rampartMetrics ??= createMetrics();
  return holder.rampartMetrics;
}
