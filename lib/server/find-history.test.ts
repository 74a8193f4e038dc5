import { beforeAll, describe, expect, it } from "vitest";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { findComponentHistory, type HistoryRun } from "./find-component-history";
import { findLatestScans } from "./find-latest-scans";
import { loadDemoProgram } from "./load-demo-program";

/**
 * The oracle: the component's history from its raw ScanWorkload and ControlResult rows, one entry per scan, cut in
 * JavaScript into runs of consecutive scans with the same commit, pattern, PSS level and statuses.
 */
async function rawRuns(componentId: string): Promise<HistoryRun[]> {
  const db = await getDb();
  const [workloads, results] = await Promise.all([
    db.scanWorkload.findMany({ where: { componentId }, include: { scan: true } }),
    db.controlResult.findMany({ where: { componentId } }),
  ]);
  const scans = workloads
    .map((w) => ({
      scanId: w.scanId,
      takenAt: w.scan.takenAt,
      gitRef: w.scan.gitRef,
      pattern: w.pattern,
      pssLevel: w.pssLevel,
      controls: Object.fromEntries(
        results.filter((r) => r.scanId === w.scanId).map((r) => [r.controlId, r.status as string]),
      ),
    }))
    .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime() || a.scanId.localeCompare(b.scanId));
  const runs: HistoryRun[] = [];
  let lastKey = "";
  for (const { scanId, takenAt, ...seen } of scans) {
    const key = JSON.stringify([
      seen.gitRef,
      seen.pattern,
      seen.pssLevel,
      Object.entries(seen.controls).sort(),
    ]);
    const last = runs.at(-1);
    if (last && key === lastKey) {
      last.count++;
      last.lastTakenAt = takenAt;
    } else runs.push({ scanId, takenAt, lastTakenAt: takenAt, count: 1, ...seen });
    lastKey = key;
  }
  return runs;
}

describe("history queries on the demo", () => {
  const slug = uniqueSlug("history");
  beforeAll(() => loadDemoProgram({ slug }));

  it("findLatestScans gives each environment's newest scan", async () => {
    const latest = await findLatestScans(SYSTEM, slug);
    expect(latest.map((l) => l.environment)).toEqual(["dev", "production"]);
    const production = latest.find((l) => l.environment === "production");
    expect(production?.latest?.takenAt.toISOString()).toBe("2025-11-29T15:20:00.000Z");
    expect(production?.latest?.workloadCount).toBe(20);
  });

  it("findComponentHistory follows one component through every scan, oldest first", async () => {
    const db = await getDb();
    const worker = await db.component.findFirstOrThrow({
      where: { project: { slug }, name: "maestro-worker", environment: { name: "production" } },
    });
    const { component, scanCount, runs } = await findComponentHistory(SYSTEM, slug, worker.id);
    expect(component.name).toBe("maestro-worker");
    expect(scanCount).toBe(4);
    // Each demo scan has its own commit: one row per scan.
    expect(runs.map((s) => s.takenAt.toISOString().slice(0, 10))).toEqual([
      "2025-10-05",
      "2025-10-11",
      "2025-10-25",
      "2025-11-29",
    ]);
    // Its init container lost its securityContext in the third snapshot and got it back in the last.
    expect(runs.map((s) => s.controls["capabilities-drop-all"])).toEqual(["pass", "pass", "fail", "pass"]);
    for (const c of await db.component.findMany({ where: { project: { slug } }, select: { id: true } }))
      expect((await findComponentHistory(SYSTEM, slug, c.id)).runs).toEqual(await rawRuns(c.id));
  });

  it("does not show another project's component", async () => {
    const db = await getDb();
    const any = await db.component.findFirstOrThrow({ where: { project: { slug } } });
    await expect(findComponentHistory(SYSTEM, "some-other-project", any.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("component history over a generated history", () => {
  it("equals the raw rows' scans cut into runs: repeated scans share a row, every change starts one", async () => {
    const slug = uniqueSlug("history-runs");
    await createProject(SYSTEM, { slug, name: "History runs" });
    const states = [false, false, false, true, true, false, true, true]; // svc-a hardened or not, per scan
    for (const [i, hardened] of states.entries()) {
      const takenAt = `2025-10-${String(i + 1).padStart(2, "0")}T10:00:00Z`;
      await createScan({
        actor: SYSTEM,
        projectSlug: slug,
        meta: {
          environment: "production",
          takenAt,
          gitRef: i === 7 ? "new-commit" : "same-commit",
          idempotencyKey: `scan-${i}`,
        },
        result: scanOf(
          {
            "a.yaml": deploymentYaml("svc-a", { hardened }),
            ...(i % 3 === 0 ? {} : { "b.yaml": deploymentYaml("svc-b") }),
          },
          new Date(takenAt),
        ),
        source: "rampart",
      });
    }
    const db = await getDb();
    const [a, b] = await Promise.all(
      ["svc-a", "svc-b"].map((name) => db.component.findFirstOrThrow({ where: { project: { slug }, name } })),
    );
    const history = await findComponentHistory(SYSTEM, slug, a.id);
    expect(history.scanCount).toBe(8);
    expect(history.runs.map((r) => r.count)).toEqual([3, 2, 1, 1, 1]);
    expect(history.runs.map((r) => r.controls["run-as-non-root"])).toEqual([
      "fail",
      "pass",
      "fail",
      "pass",
      "pass",
    ]);
    expect(history.runs).toEqual(await rawRuns(a.id));
    // svc-b is absent from scans 1, 4 and 7: the runs join the scans that saw it (same statuses throughout).
    const other = await findComponentHistory(SYSTEM, slug, b.id);
    expect(other.scanCount).toBe(5);
    expect(other.runs).toEqual(await rawRuns(b.id));
  });
});
