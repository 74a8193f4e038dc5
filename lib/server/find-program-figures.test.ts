import { beforeAll, describe, expect, it } from "vitest";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { type Actor, SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { findProgramFigures } from "./find-program-figures";
import { loadDemoProgram } from "./load-demo-program";
import { setMembership } from "./set-membership";
import { setMilestoneDone } from "./set-milestone-done";

describe("findProgramFigures on the demo", () => {
  const slug = uniqueSlug("figures");
  beforeAll(() => loadDemoProgram({ slug }));

  it("rebuilds the phase from the database and computes its figures from the latest scans", async () => {
    const result = await findProgramFigures(SYSTEM, slug);
    expect(result.environment).toBe("production");
    expect(result.environments).toEqual(["dev", "production"]);
    expect(result.phase?.id).toBe("phase-2");
    expect(result.phase?.weeks.map((w) => w.label)).toEqual(expect.arrayContaining(["Week 1", "Week 2-3"]));
    const figures = result.figures;
    if (!figures) throw new Error("no figures");
    const row = (id: string) => {
      const r = figures.metrics.find((m) => m.id === id);
      if (!r) throw new Error(id);
      return r;
    };
    expect(row("production-deployments")).toMatchObject({ achieved: 20, target: 20, status: "complete" });
    expect(row("run-as-non-root")).toMatchObject({ achieved: 19, target: 19 });
    expect(row("run-as-non-root").waived.map((w) => w.component)).toEqual(["promtail"]);
    expect(row("run-as-non-root").note).toBe("1 exception: promtail");
    expect(row("network-policy-coverage")).toMatchObject({ achieved: 20, target: 20, status: "complete" });
    // The table for the chosen environment is the same as the phase's for production.
    expect(result.metrics.map((m) => [m.id, m.achieved, m.target])).toEqual(
      figures.metrics.map((m) => [m.id, m.achieved, m.target]),
    );

    const criteria = [
      ...figures.exitCriteria.periods.flatMap((p) => p.criteria),
      ...figures.exitCriteria.phase,
    ];
    const netpol = criteria.find((c) => c.title.startsWith("Network policies implemented"));
    expect(netpol?.met).toBe(true);
    // Manual state comes from ExitCriterion.metAt: the plan was approved in the program file.
    expect(criteria.find((c) => c.id === "w1-plan-approved")).toMatchObject({ met: true, automatic: false });

    // Maturity spans the program (62% → 83%); Phase 2 (half done, as of its last day) stands at 72.5%.
    const { value, baseline, target } = figures.maturity;
    expect(baseline).toBeCloseTo(0.62);
    expect(target).toBeCloseTo(0.83);
    expect(value).toBeCloseTo(0.725);
    expect(figures.maturity.explanation).toMatch(/× 50% program progress = 72\.5%$/);
  });

  it("gives the burn-up, control trends and latest scan diff of production", async () => {
    const result = await findProgramFigures(SYSTEM, slug, { environment: "production" });
    const k8s = result.burnUps.find((b) => b.workStream === "k8s-hardening");
    expect(k8s?.burnUp.points.map((p) => p.hardened)).toEqual([12, 20, 19, 20]);
    const netpol = result.trend.points.map((p) => p.rates.find((r) => r.control === "network-policy")?.rate);
    expect(netpol).toEqual([0, 0, 9 / 20, 1]);
    expect(result.trend.points.map((p) => p.takenAt.slice(0, 10))).toEqual([
      "2025-10-05",
      "2025-10-11",
      "2025-10-25",
      "2025-11-29",
    ]);
    expect(result.latest?.takenAt.toISOString()).toBe("2025-11-29T15:20:00.000Z");
    expect(result.previous?.takenAt.toISOString().slice(0, 10)).toBe("2025-10-25");
    expect(result.diff).not.toBeNull();
    expect(result.diff?.fixed.length).toBeGreaterThan(0);
  });

  it("switches the hardening table and series to another environment", async () => {
    const result = await findProgramFigures(SYSTEM, slug, { environment: "dev" });
    expect(result.environment).toBe("dev");
    expect(result.metrics.every((m) => m.environment === "dev")).toBe(true);
    expect(result.latest).not.toBeNull();
    // An unknown environment falls back to production.
    expect((await findProgramFigures(SYSTEM, slug, { environment: "nope" })).environment).toBe("production");
  });

  it("hides a private program from a viewer of another project", async () => {
    const db = await getDb();
    await db.project.update({ where: { slug }, data: { visibility: "private" } });
    const other = uniqueSlug("figures-other");
    await createProject(SYSTEM, { slug: other, name: "Other" });
    const email = `viewer-${other}@example.com`;
    const user = await createUser(SYSTEM, { name: "viewer", email, password: "a-long-password-123" });
    await setMembership(SYSTEM, other, { email, role: "viewer" });
    const viewer: Actor = { kind: "user", userId: user.id, label: email, instanceAdmin: false };
    await expect(findProgramFigures(viewer, other)).resolves.toMatchObject({ phase: null, figures: null });
    await expect(findProgramFigures(viewer, slug)).rejects.toBeInstanceOf(NotFoundError);
    await db.project.update({ where: { slug }, data: { visibility: "public" } });
  });

  it("a finished phase keeps its figures as of its last day: a scan and a tick after its end change nothing", async () => {
    const phase2 = async () => {
      const { figures, figuresAsOf, latest } = await findProgramFigures(SYSTEM, slug, { phase: "phase-2" });
      if (!figures) throw new Error("no figures");
      return {
        figuresAsOf,
        latest: latest?.id,
        metrics: figures.metrics.map((m) => [m.id, m.achieved, m.target, m.status]),
        progress: figures.progress,
        maturity: figures.maturity.value,
      };
    };
    const before = await phase2();
    expect(before.figuresAsOf).toBe("2025-11-29");
    // Today, long after Phase 2 ended: production regresses to one unhardened Deployment, and a milestone of
    // Phase 2's milestone-tracked RBAC stream is ticked for work done today.
    const regression = await createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "production", takenAt: new Date().toISOString() },
      result: scanOf({ "web.yaml": deploymentYaml("web", { hardened: false }) }, new Date()),
      source: "rampart",
    });
    await setMilestoneDone(SYSTEM, slug, "rbac-design", { done: true });
    expect(before.latest).not.toBe(regression.id);
    expect(await phase2()).toEqual(before);
  });
});
