import { beforeAll, describe, expect, it, vi } from "vitest";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createException } from "./create-exception";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { deleteException } from "./delete-exception";
import { loadDemoProgram } from "./load-demo-program";
import { setCriterionMet } from "./set-criterion-met";
import { setMilestoneDone } from "./set-milestone-done";
import { updatePeriodNotes } from "./update-period-notes";

type FindProgramFigures = typeof import("./find-program-figures").findProgramFigures;
type FindReport = typeof import("./find-report").findReport;

/**
 * A server process of its own: a fresh instance of the figures module (its own in-process cache), on the shared
 * database. Two of them stand for two replicas of the server on one database.
 */
async function serverProcess(): Promise<FindProgramFigures> {
  vi.resetModules();
  return (await import("./find-program-figures")).findProgramFigures;
}

async function reportProcess(): Promise<FindReport> {
  vi.resetModules();
  return (await import("./find-report")).findReport;
}

describe("program figures cached per process, keyed by the versions read from the database", () => {
  const slug = uniqueSlug("versions");
  // In phase 2 of the demo (2025-10-05 to 2025-11-29): ticks, exceptions and the latest scans all count.
  const now = new Date("2025-11-15T12:00:00Z");
  let replicaA: FindProgramFigures;
  let replicaB: FindProgramFigures;
  beforeAll(async () => {
    await loadDemoProgram({ slug });
    replicaA = await serverProcess();
    replicaB = await serverProcess();
  });

  /** What replica A answers (from its cache when its key is unchanged) equals a process that never cached. */
  async function expectFresh(options: { environment?: string } = {}) {
    const cached = await replicaA(SYSTEM, slug, { now, ...options });
    const fresh = await (await serverProcess())(SYSTEM, slug, { now, ...options });
    expect(cached).toEqual(fresh);
    return cached;
  }

  it("a write through one process changes the figures another process answers from its cache", async () => {
    const db = await getDb();
    const project = await db.project.findUniqueOrThrow({ where: { slug } });
    const phase = { phase: { projectId: project.id, key: "phase-2" } };
    const milestone = await db.milestone.findFirstOrThrow({
      where: { workStream: phase, doneAt: { not: null } },
      orderBy: { position: "asc" },
    });
    const criterion = (await db.exitCriterion.findMany({ where: phase, orderBy: { position: "asc" } })).find(
      (c) => (c.rule as { type: string }).type === "manual",
    );
    if (!criterion) throw new Error("the demo's phase 2 has a manual exit criterion");

    const before = await expectFresh();
    expect(await replicaA(SYSTEM, slug, { now })).toBe(before); // a cache hit: the same object

    await setMilestoneDone(SYSTEM, slug, milestone.id, { done: false });
    const unticked = await expectFresh();
    expect(unticked.state).not.toEqual(before.state);

    await setCriterionMet(SYSTEM, slug, criterion.id, { met: !criterion.metAt, doneOn: "2025-11-10" });
    const criterionFlipped = await expectFresh();
    expect(criterionFlipped.state).not.toEqual(unticked.state);

    // A stored exception waives every failure of a trend control in an environment's latest scan: that
    // environment's figures change, and change back when it is deleted.
    const latest = await Promise.all(
      (await db.environment.findMany({ where: { projectId: project.id } })).map(async (e) => ({
        environment: e.name,
        scan: await db.scan.findFirst({ where: { environmentId: e.id }, orderBy: { takenAt: "desc" } }),
      })),
    );
    const failing = await db.controlResult.findFirstOrThrow({
      where: {
        status: "fail",
        scanId: { in: latest.flatMap((l) => (l.scan ? [l.scan.id] : [])) },
        controlId: { in: before.trend.controls.map((c) => c.control) },
      },
    });
    const environment = latest.find((l) => l.scan?.id === failing.scanId)?.environment;
    const unwaived = await expectFresh({ environment });
    const exception = await createException(SYSTEM, slug, {
      selector: { name: "*" },
      control: failing.controlId,
      justification: "versions test",
      owner: "test",
    });
    expect((await expectFresh({ environment })).trend).not.toEqual(unwaived.trend);
    await deleteException(SYSTEM, slug, exception.id);
    expect(await expectFresh({ environment })).toEqual(unwaived);

    await updatePeriodNotes(SYSTEM, slug, "week-1", { keyLearnings: "versions test" });
    await expectFresh();

    // The other replica reads the same: its cache is keyed by the same versions.
    expect(await replicaB(SYSTEM, slug, { now })).toEqual(await replicaA(SYSTEM, slug, { now }));

    // A new scan (a new id among the project's scans) is seen at once too.
    await createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "production", takenAt: "2025-11-14T10:00:00Z" },
      result: scanOf({ "a.yaml": deploymentYaml("versions-new", { hardened: false }) }),
      source: "rampart",
    });
    const scanned = await expectFresh();
    expect(scanned.trend.points.map((p) => p.takenAt)).toContain("2025-11-14T10:00:00.000Z");
  });

  it("the report: a write through one process changes the report another process answers from its cache", async () => {
    const db = await getDb();
    const reportA = await reportProcess();
    const generatedAt = new Date("2025-12-01T09:00:00Z");
    const expectFreshReport = async () => {
      const cached = await reportA(SYSTEM, slug, { generatedAt });
      expect(cached).toEqual(await (await reportProcess())(SYSTEM, slug, { generatedAt }));
      return cached;
    };
    const before = await expectFreshReport();
    // Stamped with the time asked for, from the same cached figures.
    const later = await reportA(SYSTEM, slug, { generatedAt: new Date("2025-12-01T10:00:00Z") });
    expect({ ...later, generatedAt: before.generatedAt }).toEqual(before);
    expect(later.generatedAt).toBe("2025-12-01T10:00:00.000Z");

    const project = await db.project.findUniqueOrThrow({ where: { slug } });
    const lastPeriod = await db.period.findFirstOrThrow({
      where: { phase: { projectId: project.id, key: "phase-2" } },
      orderBy: { position: "desc" },
    });
    await updatePeriodNotes(SYSTEM, slug, lastPeriod.key, { keyLearnings: "report cache test" });
    const noted = await expectFreshReport();
    expect(noted).not.toEqual(before);
  });
});
