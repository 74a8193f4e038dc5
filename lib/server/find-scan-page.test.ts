import { beforeAll, describe, expect, it } from "vitest";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { NotFoundError } from "./errors";
import { findScanPage, findScans, parseScanPage, SCAN_PAGE_SIZE } from "./find-scans";

/** Scan i of an environment, taken on day i of October 2025 (distinct times: newest first is one order). */
const takenAt = (i: number) => `2025-10-${String(i + 1).padStart(2, "0")}T10:00:00Z`;

describe("the scans page's history: one page and a count, never the whole history", () => {
  const slug = uniqueSlug("scan-page");
  const other = uniqueSlug("scan-page-other");
  /** Production's scan ids, newest first. */
  let production: string[] = [];
  let dev: string[] = [];
  let foreign = "";

  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Scan pages" });
    await createProject(SYSTEM, { slug: other, name: "Other" });
    const store = (projectSlug: string, environment: string, i: number) =>
      createScan({
        actor: SYSTEM,
        projectSlug,
        meta: { environment, takenAt: takenAt(i), message: `${environment} ${i}` },
        result: scanOf({ "a.yaml": deploymentYaml(i % 2 ? "web" : "api") }),
        source: "rampart",
      });
    for (let i = 0; i < 7; i++) await store(slug, "production", i);
    for (let i = 0; i < 2; i++) await store(slug, "dev", i + 20);
    foreign = (await store(other, "production", 0)).id;
    production = (await findScans(SYSTEM, slug, { environment: "production" })).map((s) => s.id);
    dev = (await findScans(SYSTEM, slug, { environment: "dev" })).map((s) => s.id);
  });

  it("pages production newest first with the total, the page count and the environments that hold scans", async () => {
    expect(production).toHaveLength(7);
    const pages = await Promise.all([1, 2, 3].map((page) => findScanPage(SYSTEM, slug, { page, size: 3 })));
    expect(pages.map((p) => p.scans.map((s) => s.id))).toEqual([
      production.slice(0, 3),
      production.slice(3, 6),
      production.slice(6),
    ]);
    for (const [i, p] of pages.entries()) {
      expect([p.environment, p.total, p.page, p.pageCount, p.size]).toEqual(["production", 7, i + 1, 3, 3]);
      expect(p.environments).toEqual(["dev", "production"]);
      expect(p.scans.every((s) => s.environment.name === "production")).toBe(true);
    }
    expect(pages[2].scans[0].message).toBe("production 0");
    // The default: the first page of SCAN_PAGE_SIZE, here all seven.
    const whole = await findScanPage(SYSTEM, slug);
    expect([whole.page, whole.pageCount, whole.size, whole.scans.length]).toEqual([1, 1, SCAN_PAGE_SIZE, 7]);
  });

  it("shows the last page for a page past the end, however far", async () => {
    for (const page of [4, 9, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      const p = await findScanPage(SYSTEM, slug, { page, size: 3 });
      expect([p.page, p.pageCount, p.scans.map((s) => s.id)], String(page)).toEqual([
        3,
        3,
        production.slice(6),
      ]);
    }
  });

  it("reads the page parameter: anything but a whole number from 1 is the first page", () => {
    expect([parseScanPage("2"), parseScanPage("40")]).toEqual([2, 40]);
    for (const bad of [
      null,
      undefined,
      "",
      " ",
      "0",
      "-1",
      "1.5",
      "abc",
      "2abc",
      "1e400",
      "NaN",
      "Infinity",
    ]) {
      expect(parseScanPage(bad), String(bad)).toBe(1);
    }
  });

  it("lists another environment by name, and falls back to production for an unknown one", async () => {
    const p = await findScanPage(SYSTEM, slug, { environment: "dev", size: 3 });
    expect([p.environment, p.total, p.pageCount, p.scans.map((s) => s.id)]).toEqual(["dev", 2, 1, dev]);
    const unknown = await findScanPage(SYSTEM, slug, { environment: "staging", size: 3 });
    expect([unknown.environment, unknown.total]).toEqual(["production", 7]);
  });

  it("offers the latest two and the picked scans of the environment to compare, ignoring other ids", async () => {
    const p = await findScanPage(SYSTEM, slug, {
      page: 1,
      size: 3,
      pick: [production[6], production[4], dev[0], foreign, "no-such-scan", production[6]],
    });
    expect(p.picks.map((s) => s.id)).toEqual([production[0], production[1], production[4], production[6]]);
  });

  it("answers an empty history for a program without scans, and not found for an unknown program", async () => {
    const empty = uniqueSlug("scan-page-empty");
    await createProject(SYSTEM, { slug: empty, name: "Empty" });
    expect(await findScanPage(SYSTEM, empty, { page: 3 })).toEqual({
      environments: [],
      environment: null,
      scans: [],
      total: 0,
      page: 1,
      pageCount: 1,
      size: SCAN_PAGE_SIZE,
      picks: [],
    });
    await expect(findScanPage(SYSTEM, uniqueSlug("nope"))).rejects.toBeInstanceOf(NotFoundError);
  });
});
