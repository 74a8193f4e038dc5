import { timingSafeEqual } from "node:crypto";
import { getMetrics } from "@/lib/server/metrics";

// Prometheus scrapes this process's metrics here (text format). Off unless RAMPART_METRICS_TOKEN is set: they
// show request volumes and timings, so only a caller sending `Authorization: Bearer <token>` gets them.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const token = process.env.RAMPART_METRICS_TOKEN;
  if (!token) return new Response("metrics are off: set RAMPART_METRICS_TOKEN\n", { status: 404 });
  if (!bearerMatches(request.headers.get("authorization"), token))
    return new Response("metrics need Authorization: Bearer <RAMPART_METRICS_TOKEN>\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}

function bearerMatches(header: string | null, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
