import { existsSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/projects/[slug]/reports/route";
import { chromiumPath } from "@/lib/chromium";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { RateLimitedError } from "./errors";
import { loadDemoProgram } from "./load-demo-program";
import { consumeRateLimit, LIMITS } from "./rate-limit";
import { closeReportBrowser, PDF_RENDERS, PDF_WAITING } from "./render-report-pdf";

describe("GET /api/v1/projects/{slug}/reports", () => {
  const slug = uniqueSlug("report-route");
  beforeAll(() => loadDemoProgram({ slug }));
  const get = (query: string) =>
    GET(new Request(`http://rampart.test/api/v1/projects/${slug}/reports?${query}`), {
      params: Promise.resolve({ slug }),
    });
  const chromium = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (chromium === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = chromium;
  });

  it("answers each format as a download with a safe file name", async () => {
    const md = await get("format=md&period=week-6-8");
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.headers.get("content-disposition")).toBe(
      `attachment; filename="${slug}-week-6-8-2025-11-29.md"`,
    );
    expect(await md.text()).toMatch(/^# Phase 2: Production Hardening - Week 6-8 Summary\n/);

    const csv = await get("format=csv&table=metrics&period=week-1&environment=dev");
    expect(csv.headers.get("content-disposition")).toBe(
      `attachment; filename="${slug}-dev-week-1-2025-10-11-metrics.csv"`,
    );
    expect((await csv.text()).split("\r\n")[0]).toBe(
      '"Metric","Target","Achieved","% Complete","Status","Note"',
    );

    const json = await get("format=json");
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await json.json()).toMatchObject({ schemaVersion: 1, period: { id: "week-6-8" } });
  });

  it("names the field of a bad query, and 404s an unknown period", async () => {
    const format = await get("format=docx");
    expect(format.status).toBe(422);
    expect(await format.json()).toMatchObject({ field: "format" });
    const half = await get("from=abc");
    expect(half.status).toBe(422);
    expect(await half.json()).toMatchObject({ field: "to" });
    expect((await get("period=week-99")).status).toBe(404);
  });

  it("answers 404 for another program's scan ids (never a report of them)", async () => {
    const other = uniqueSlug("report-other");
    await loadDemoProgram({ slug: other });
    const db = await getDb();
    const theirs = await db.scan.findMany({
      where: { project: { slug: other }, environment: { name: "production" } },
      orderBy: { takenAt: "asc" },
      select: { id: true },
    });
    const ours = await db.scan.findFirstOrThrow({
      where: { project: { slug }, environment: { name: "production" } },
      select: { id: true },
    });
    for (const query of [
      `from=${theirs[0].id}&to=${theirs[1].id}`,
      `from=${ours.id}&to=${theirs[1].id}`,
      `from=${theirs[0].id}&to=${ours.id}`,
    ]) {
      const response = await get(`format=json&${query}`);
      expect(response.status, query).toBe(404);
      expect((await response.json()).error).toMatch(/scan/);
    }
  });

  it("answers 503 naming CHROMIUM_PATH when Chromium is missing", async () => {
    await closeReportBrowser();
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    const pdf = await get("format=pdf");
    expect(pdf.status).toBe(503);
    expect((await pdf.json()).error).toMatch(/CHROMIUM_PATH/);
  });
});

describe("GET …/reports of a program without a roadmap", () => {
  const slug = uniqueSlug("report-no-roadmap");
  const ids: string[] = [];
  let token = "";
  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "No roadmap" });
    token = (await createApiToken(SYSTEM, slug, { name: "read", scope: "read" })).token;
    for (const [takenAt, hardened] of [
      ["2025-10-01T10:00:00Z", false],
      ["2025-10-08T10:00:00Z", true],
    ] as const) {
      const created = await createScan({
        actor: SYSTEM,
        projectSlug: slug,
        meta: { environment: "production", takenAt },
        result: scanOf({
          "apps.yaml": `${deploymentYaml("api", { hardened })}---\n${deploymentYaml("web")}`,
        }),
        source: "rampart",
      });
      ids.push(created.id);
    }
  });
  const get = (query: string) =>
    GET(
      new Request(`http://rampart.test/api/v1/projects/${slug}/reports?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({ slug }) },
    );

  it("reports its last two scans by default, and any two scans given, leaving the roadmap's sections out", async () => {
    for (const query of ["format=md", `format=md&from=${ids[0]}&to=${ids[1]}`]) {
      const response = await get(query);
      expect(response.status, query).toBe(200);
      const md = await response.text();
      expect(md).toMatch(/^# No roadmap - 2025-10-01 to 2025-10-08 Summary\n/);
      expect(md).toContain("## Completed Components (2 of 2 hardened)");
      expect(md.match(/has no roadmap/g)).toHaveLength(1);
      expect(md).not.toContain("## Exit Criteria Tracking");
      expect(md).toContain(
        "**Production Readiness** (components meeting every hardening control): 50% → 100% (+50 pts)",
      );
    }
    const json = await (await get("format=json")).json();
    expect(json).toMatchObject({ phase: null, overall: null, period: { kind: "scans" }, roadmap: [] });
    expect(json.scans.before.id).toBe(ids[0]);
    expect(json.scans.after.id).toBe(ids[1]);
    // A roadmap period cannot be asked for.
    expect((await get("format=md&period=week-1")).status).toBe(404);
  });
});

// Needs Debian's Chromium (the real browser); skipped only when it is not installed.
describe.skipIf(!existsSync(chromiumPath()))("PDF exports are throttled", () => {
  const slug = uniqueSlug("report-pdf-limit");
  beforeAll(() => loadDemoProgram({ slug }));

  it("bounds the render queue (503) and limits each caller per minute (429), both with Retry-After", async () => {
    await closeReportBrowser();
    const { id, token } = await createApiToken(SYSTEM, slug, { name: "pdf", scope: "read" });
    const get = () =>
      GET(
        new Request(`http://rampart.test/api/v1/projects/${slug}/reports?format=pdf&period=week-1`, {
          headers: { authorization: `Bearer ${token}` },
        }),
        { params: Promise.resolve({ slug }) },
      );
    // More at once than the process renders and queues: the rest are refused at once.
    const burst = PDF_RENDERS + PDF_WAITING + 2;
    const responses = await Promise.all(Array.from({ length: burst }, get));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([
      ...Array(PDF_RENDERS + PDF_WAITING).fill(200),
      ...Array(burst - PDF_RENDERS - PDF_WAITING).fill(503),
    ]);
    for (const r of responses.filter((x) => x.status === 503)) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await r.json()).error).toMatch(/busy/);
    }
    // Every request counted against the caller's limit, served or not (each is counted as it arrives).
    const key = `token:${id}`;
    const counter = await (await getDb()).rateLimiterFlexible.findUniqueOrThrow({
      where: { key: `pdf:${key}` },
    });
    expect(counter.points).toBe(burst);
    // Once the caller's minute is used up, the route answers 429. The rest of the minute is spent directly, not
    // with renders: on a loaded machine they outlast the minute, and the limit would start over under the test.
    // Spent until refused: should the minute end on the way, the next one is spent too.
    for (let i = 0; i < 3 * LIMITS.pdf.points; i++) {
      const spent = await consumeRateLimit("pdf", key).then(
        () => false,
        (err) => {
          if (err instanceof RateLimitedError) return true;
          throw err;
        },
      );
      if (spent) break;
    }
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    await closeReportBrowser();
  }, 120_000);
});
