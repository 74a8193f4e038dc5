import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { findScan } from "./find-scan";
import { findScans } from "./find-scans";
import { loadDemoProgram } from "./load-demo-program";

describe("findScan on the demo", () => {
  const slug = uniqueSlug("scan");
  const other = uniqueSlug("scan-other");
  beforeAll(async () => {
    await loadDemoProgram({ slug });
    await loadDemoProgram({ slug: other });
  });

  it("gives one scan with its summary and its workloads' status counts", async () => {
    const scans = await findScans(SYSTEM, slug, { environment: "production" });
    const latest = scans[0];
    expect(latest.takenAt.toISOString()).toBe("2025-11-29T15:20:00.000Z");
    const scan = await findScan(SYSTEM, slug, latest.id);
    expect(scan.id).toBe(latest.id);
    expect(scan.environment.name).toBe("production");
    expect(scan.workloads).toHaveLength(20);
    expect(scan.workloadCount).toBe(20);
    expect(Object.keys(scan.summary.controls).length).toBeGreaterThan(0);
    expect(Array.isArray(scan.errors)).toBe(true);
    expect(Array.isArray(scan.notes)).toBe(true);
    expect(Array.isArray(scan.otherFindings)).toBe(true);
    // The per-workload counts are of every stored control result of the scan's workloads (the scan also stores
    // policy results on objects that are not workloads, which this list does not show).
    const db = await getDb();
    const results = await db.controlResult.count({
      where: { scanId: latest.id, component: { workloads: { some: { scanId: latest.id } } } },
    });
    const total = scan.workloads.reduce((n, w) => n + w.pass + w.fail + w.waived + w.na, 0);
    expect(total).toBe(results);
  });

  it("shows the regression of the 2025-10-25 production scan on maestro-worker", async () => {
    const scans = await findScans(SYSTEM, slug, { environment: "production" });
    const scan = scans.find((s) => s.takenAt.toISOString().startsWith("2025-10-25"));
    expect(scan).toBeDefined();
    const detail = await findScan(SYSTEM, slug, scan?.id ?? "");
    const worker = detail.workloads.find((w) => w.name === "maestro-worker");
    expect(worker?.fail).toBeGreaterThan(0);
  });

  it("does not show a scan of another project, nor an unknown id", async () => {
    const [scan] = await findScans(SYSTEM, other);
    await expect(findScan(SYSTEM, slug, scan.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(findScan(SYSTEM, slug, "no-such-scan")).rejects.toBeInstanceOf(NotFoundError);
  });
});
