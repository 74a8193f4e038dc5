import "server-only";
import client from "prom-client";

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

const holder = globalThis as unknown as { rampartMetrics?: Metrics };

export function getMetrics(): Metrics {
  holder.rampartMetrics ??= createMetrics();
  return holder.rampartMetrics;
}
