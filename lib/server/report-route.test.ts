import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/projects/[slug]/reports/route";
import { uniqueSlug } from "@/test/factories";
import { loadDemoProgram } from "./load-demo-program";
import { closeReportBrowser } from "./render-report-pdf";

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

  it("answers 503 naming CHROMIUM_PATH when Chromium is missing", async () => {
    await closeReportBrowser();
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    const pdf = await get("format=pdf");
    expect(pdf.status).toBe(503);
    expect((await pdf.json()).error).toMatch(/CHROMIUM_PATH/);
  });
});
