import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { getDb } from "./db";
import { NotFoundError, ValidationError } from "./errors";
import { findScanDiff } from "./find-scan-diff";
import { loadDemoProgram } from "./load-demo-program";

describe("findScanDiff on the demo snapshots", () => {
  const slug = uniqueSlug("diff");
  let production: { id: string }[];
  let dev: { id: string }[];
  beforeAll(async () => {
    await loadDemoProgram({ slug });
    const db = await getDb();
    const scans = (environment: string) =>
      db.scan.findMany({
        where: { project: { slug }, environment: { name: environment } },
        orderBy: { takenAt: "asc" },
        select: { id: true },
      });
    [production, dev] = await Promise.all([scans("production"), scans("dev")]);
  });

  it("week 1 fixes the unhardened components' security contexts and regresses nothing", async () => {
    const { diff } = await findScanDiff(SYSTEM, slug, production[0].id, production[1].id);
    const fixedNonRoot = diff.fixed.filter((c) => c.control === "run-as-non-root").map((c) => c.name);
    expect(fixedNonRoot).toHaveLength(7);
    expect(diff.regressed).toEqual([]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it("the network-policy snapshot shows coverage fixed and the two real regressions", async () => {
    const { diff } = await findScanDiff(SYSTEM, slug, production[1].id, production[2].id);
    expect(diff.fixed.some((c) => c.control === "network-policy")).toBe(true);
    expect(diff.fixed.some((c) => c.control === "pod-disruption-budget")).toBe(true);
    const regressedComponents = [...new Set(diff.regressed.map((c) => c.name))].sort();
    expect(regressedComponents).toEqual(["feast-feature-server", "maestro-worker"]);
    const total = Object.values(diff.byCategory).reduce((n, c) => n + c.regressed, 0);
    expect(total).toBe(diff.regressed.length);
  });

  it("the final snapshot fixes those regressions again", async () => {
    const { diff } = await findScanDiff(SYSTEM, slug, production[2].id, production[3].id);
    expect(diff.regressed).toEqual([]);
    const fixed = new Set(diff.fixed.map((c) => c.name));
    expect(fixed.has("maestro-worker")).toBe(true);
    expect(fixed.has("feast-feature-server")).toBe(true);
  });

  it("refuses scans of different environments or of another project", async () => {
    await expect(findScanDiff(SYSTEM, slug, production[0].id, dev[0].id)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      findScanDiff(SYSTEM, "other-project", production[0].id, production[1].id),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
