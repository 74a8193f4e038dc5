import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { POST as scansRoute } from "@/app/api/v1/projects/[slug]/scans/route";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { installHttpObservation, requestIdFor, routeMatcher } from "./metrics-http";

const SCANS = "/api/v1/projects/[slug]/scans";
const manifest = {
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/api/metrics", regex: "^/api/metrics(?:/)?$" },
  ],
  dynamicRoutes: [{ page: SCANS, regex: "^/api/v1/projects/([^/]+?)/scans(?:/)?$" }],
};
const TOKEN = "metrics-token-123";

/** One sample of the Prometheus text, 0 when the series does not exist yet. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("request observation", () => {
  it("labels requests by route template, never by the URL", () => {
    const match = routeMatcher(manifest);
    expect(match("/api/v1/projects/payments/scans")).toBe(SCANS);
    expect(match("/")).toBe("/");
    expect(match("/_next/static/chunks/a.js")).toBe("/_next/static");
    expect(match("/setup")).toBe("other");
  });

  it("keeps a caller's plain request id and replaces anything else", () => {
    expect(requestIdFor("abc-123")).toBe("abc-123");
    expect(requestIdFor("bad id\nwith newline")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor("x".repeat(129))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

// A real HTTP server with the observation installed (as instrumentation.ts installs it), serving the real ingest
// and metrics route handlers on the test database: a scan pushed through it moves the ingest counters and the
// request histogram under the route's template, read back from /api/metrics as Prometheus scrapes it.
describe("a server observed: ingest, then /api/metrics", () => {
  let server: http.Server;
  let base = "";
  let slug = "";
  let ingestToken = "";

  beforeAll(async () => {
    installHttpObservation(routeMatcher(manifest));
    slug = uniqueSlug("metrics");
    await createProject(SYSTEM, { slug, name: "Metrics test" });
    ingestToken = (await createApiToken(SYSTEM, slug, { name: "ci", scope: "ingest" })).token;
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === "string") headers.set(name, value);
      const request = new Request(`${base}${req.url}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const pathname = new URL(request.url).pathname;
      const project = /^\/api\/v1\/projects\/([^/]+)\/scans$/.exec(pathname)?.[1];
      const answer =
        pathname === "/api/metrics"
          ? await metricsRoute(request)
          : project
            ? await scansRoute(request, { params: Promise.resolve({ slug: project }) })
            : new Response(null, { status: 404 });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    delete process.env.RAMPART_METRICS_TOKEN;
    await new Promise((resolve) => server?.close(resolve));
  });

  const scrape = async () => {
    const answer = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("text/plain");
    return answer.text();
  };
  const push = (body: string, requestId?: string) =>
    fetch(`${base}/api/v1/projects/${slug}/scans?environment=production`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${ingestToken}`,
        "content-type": "application/json",
        ...(requestId ? { "x-request-id": requestId } : {}),
      },
      body,
    });

  it("is off without RAMPART_METRICS_TOKEN (404) and needs the token once set (401)", async () => {
    delete process.env.RAMPART_METRICS_TOKEN;
    expect((await fetch(`${base}/api/metrics`)).status).toBe(404);
    process.env.RAMPART_METRICS_TOKEN = TOKEN;
    expect((await fetch(`${base}/api/metrics`)).status).toBe(401);
    const wrong = await fetch(`${base}/api/metrics`, {
      headers: { authorization: "Bearer metrics-token-124" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("counts an ingest (outcome, duration, rows) and times its request under the route template", async () => {
    process.env.RAMPART_METRICS_TOKEN = TOKEN;
    const before = await scrape();
    const body = JSON.stringify(
      scanOf({ "web.yaml": deploymentYaml("web"), "api.yaml": deploymentYaml("api", { hardened: false }) }),
    );
    const created = await push(body, "req-42");
    expect(created.status).toBe(201);
    expect(created.headers.get("x-request-id")).toBe("req-42");
    const again = await push(body, "not a safe id <script>");
    expect(again.status).toBe(200);
    expect(again.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await push("{not json");
    expect(refused.status).toBe(400);
    const after = await scrape();

    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(moved('rampart_ingests_total{outcome="created"}')).toBe(1);
    expect(moved('rampart_ingests_total{outcome="existing"}')).toBe(1);
    expect(moved('rampart_ingest_duration_seconds_count{outcome="created"}')).toBe(1);
    expect(moved('rampart_ingest_duration_seconds_sum{outcome="created"}')).toBeGreaterThan(0);
    expect(moved('rampart_ingest_rows_total{table="ScanWorkload"}')).toBe(2);
    expect(moved('rampart_ingest_rows_total{table="ControlResult"}')).toBeGreaterThan(2);
    const request = (status: number) =>
      `rampart_http_request_duration_seconds_count{route="${SCANS}",method="POST",status="${status}"}`;
    expect(moved(request(201))).toBe(1);
    expect(moved(request(200))).toBe(1);
    expect(moved(request(400))).toBe(1);
    // Never a raw URL: the project's slug is in no label.
    expect(after).not.toContain(slug);
    // The scrape before this one was timed too.
    expect(
      sample(
        after,
        'rampart_http_request_duration_seconds_count{route="/api/metrics",method="GET",status="200"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    // The pool this process's queries use, and the process metrics.
    const engine = process.env.TEST_DATABASE_URL ? "postgresql" : "pglite";
    expect(
      sample(after, `rampart_db_pool_connections{engine="${engine}",state="total"}`),
    ).toBeGreaterThanOrEqual(1);
    if (engine === "postgresql")
      expect(after).toMatch(/rampart_db_pool_connections\{engine="postgresql",state="waiting"\} \d+/);
    expect(after).toContain("rampart_process_cpu_seconds_total");
    expect(after).toContain('rampart_pdf_renders{state="waiting"} 0');
  });
});
