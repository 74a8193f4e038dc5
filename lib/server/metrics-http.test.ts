import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { installHttpObservation, requestIdFor, routeMatcher } from "./metrics-http";

const manifest = {
  staticRoutes: [{ page: "/", regex: "^/(?:/)?$" }],
  dynamicRoutes: [
    { page: "/api/v1/projects/[slug]/scans", regex: "^/api/v1/projects/([^/]+?)/scans(?:/)?$" },
  ],
};

describe("request observation", () => {
  afterEach(() => {
    delete process.env.RAMPART_METRICS_TOKEN;
  });

  it("labels requests by route template, never by the URL", () => {
    const match = routeMatcher(manifest);
    expect(match("/api/v1/projects/payments/scans")).toBe("/api/v1/projects/[slug]/scans");
    expect(match("/")).toBe("/");
    expect(match("/_next/static/chunks/a.js")).toBe("/_next/static");
    expect(match("/setup")).toBe("other");
  });

  it("keeps a caller's plain request id and replaces anything else", () => {
    expect(requestIdFor("abc-123")).toBe("abc-123");
    expect(requestIdFor("bad id\nwith newline")).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("times every request a server answers, echoes X-Request-Id, and serves /api/metrics to the token only", async () => {
    installHttpObservation();
    const server = http.createServer((_req, res) => {
      res.statusCode = 204;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/anything`, {
      headers: { "x-request-id": "req-42" },
    });
    expect(response.headers.get("x-request-id")).toBe("req-42");
    await new Promise((resolve) => server.close(resolve));

    expect((await GET(new Request("http://x/api/metrics"))).status).toBe(404);
    process.env.RAMPART_METRICS_TOKEN = "metrics-token-123";
    const wrong = await GET(
      new Request("http://x/api/metrics", { headers: { authorization: "Bearer nope" } }),
    );
    expect(wrong.status).toBe(401);
    const ok = await GET(
      new Request("http://x/api/metrics", { headers: { authorization: "Bearer metrics-token-123" } }),
    );
    expect(ok.status).toBe(200);
    const text = await ok.text();
    expect(text).toMatch(
      /rampart_http_request_duration_seconds_count\{route="[^"]+",method="GET",status="204"\} [1-9]/,
    );
    expect(text).toContain("rampart_process_cpu_seconds_total");
    expect(text).toContain('rampart_pdf_renders{state="waiting"}');
  });
});
