import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { GET } from "@/app/api/v1/projects/[slug]/program/route";
import { addDays, type ProgramDefinition, parseProgramOrThrow } from "@/lib/program";
import { uniqueSlug } from "@/test/factories";
import { type Actor, SYSTEM } from "./actor";
import { applyProgram } from "./apply-program";
import { createMilestone } from "./create-milestone";
import { createProject } from "./create-project";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { exportProgram } from "./export-program";
import { findProgramFigures } from "./find-program-figures";
import { findReport } from "./find-report";
import { loadDemoProgram } from "./load-demo-program";
import { setCriterionMet } from "./set-criterion-met";
import { setMembership } from "./set-membership";
import { setMilestoneDone } from "./set-milestone-done";
import { updateMilestone } from "./update-milestone";

async function userActor(slug: string, role: "viewer" | "editor"): Promise<Actor> {
  const email = `${role}-${slug}@example.com`;
  const user = await createUser(SYSTEM, { name: `${role} ${slug}`, email, password: "roadmap-password-123" });
  await setMembership(SYSTEM, slug, { email, role });
  return { kind: "user", userId: user.id, label: email, instanceAdmin: false };
}

describe("roadmap edits on the demo", () => {
  const slug = uniqueSlug("roadmap");
  const other = uniqueSlug("roadmap-other");
  let editor: Actor;
  let viewer: Actor;
  beforeAll(async () => {
    await loadDemoProgram({ slug });
    await createProject(SYSTEM, { slug: other, name: "Other" });
    editor = await userActor(slug, "editor");
    viewer = await userActor(slug, "viewer");
  });

  const audit = async (action: string) => {
    const db = await getDb();
    return db.auditLog.findMany({ where: { project: { slug }, action }, orderBy: { createdAt: "desc" } });
  };

  it("ticks and unticks a milestone with who, when and the note, audited; the work stream's progress follows", async () => {
    const progressOf = async () =>
      (await findProgramFigures(SYSTEM, slug)).figures?.progress.workStreams.find((w) => w.id === "rbac")
        ?.progress;
    const before = await progressOf();
    const created = await createMilestone(editor, slug, {
      workStream: "rbac",
      title: "Check tokens",
      week: 3,
    });
    expect(created).toMatchObject({ title: "Check tokens", week: 3, doneAt: null });

    const ticked = await setMilestoneDone(editor, slug, created.id, { done: true, note: "PR #12" });
    expect(ticked.doneBy).toBe(`editor-${slug}@example.com`);
    expect(ticked.doneNote).toBe("PR #12");
    expect(Date.now() - Date.parse(ticked.doneAt ?? "")).toBeLessThan(60_000);
    const [entry] = await audit("milestone.done");
    expect(entry.before).toBeNull();
    expect(entry.after).toMatchObject({ doneBy: ticked.doneBy, doneNote: "PR #12" });
    expect(entry.actorLabel).toBe(`editor-${slug}@example.com`);
    expect(await progressOf()).toBeGreaterThan((before ?? 0) - 1e-9);

    const unticked = await setMilestoneDone(editor, slug, created.id, { done: false });
    expect(unticked).toMatchObject({ doneAt: null, doneBy: null, doneNote: null });
    const [undone] = await audit("milestone.undone");
    expect(undone.before).toMatchObject({ doneNote: "PR #12" });
    expect(undone.after).toBeNull();

    const edited = await updateMilestone(editor, slug, created.id, { title: "Rotate tokens", week: 4 });
    expect(edited).toMatchObject({ title: "Rotate tokens", week: 4 });
    const [update] = await audit("milestone.update");
    expect(update.before).toEqual({ title: "Check tokens", week: 3 });
    expect(update.after).toEqual({ title: "Rotate tokens", week: 4 });
  });

  it("finds a demo milestone by its program key", async () => {
    const ticked = await setMilestoneDone(editor, slug, "rbac-all-endpoints", {
      done: true,
      doneOn: "2025-11-01",
    });
    expect(ticked.key).toBe("rbac-all-endpoints");
    const figures = await findProgramFigures(SYSTEM, slug);
    expect(figures.state.milestones?.["rbac-all-endpoints"]).toMatchObject({
      by: `editor-${slug}@example.com`,
    });
    await setMilestoneDone(editor, slug, "rbac-all-endpoints", { done: false });
  });

  it("ticks a manual exit criterion with a note and refuses an automatic one, writing nothing", async () => {
    const met = await setCriterionMet(editor, slug, "w23-rbac-started", { met: true, note: "see RBAC.md" });
    expect(met).toMatchObject({ metBy: `editor-${slug}@example.com`, metNote: "see RBAC.md" });
    const [entry] = await audit("criterion.met");
    expect(entry.after).toMatchObject({ metNote: "see RBAC.md" });
    const unmet = await setCriterionMet(editor, slug, "w23-rbac-started", { met: false });
    expect(unmet).toMatchObject({ metAt: null, metBy: null });

    const db = await getDb();
    const count = await db.auditLog.count();
    const refused = setCriterionMet(editor, slug, "w45-audit-run", { met: true });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ field: "met" });
    expect(await db.auditLog.count()).toBe(count);
    const row = await db.exitCriterion.findFirstOrThrow({
      where: { key: "w45-audit-run", phase: { project: { slug } } },
    });
    expect(row.metAt).toBeNull();
  });

  it("never reaches another project's milestone or criterion, and refuses viewers", async () => {
    const db = await getDb();
    const milestone = await db.milestone.findFirstOrThrow({
      where: { workStream: { phase: { project: { slug } } } },
    });
    await expect(setMilestoneDone(SYSTEM, other, milestone.id, { done: true })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(updateMilestone(SYSTEM, other, milestone.id, { title: "x" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(setCriterionMet(SYSTEM, other, "w23-rbac-started", { met: true })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(setMilestoneDone(editor, slug, "no-such-milestone", { done: true })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      createMilestone(editor, slug, { workStream: "no-such-stream", title: "x", week: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(setMilestoneDone(viewer, slug, milestone.id, { done: true })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(setCriterionMet(viewer, slug, "w23-rbac-started", { met: true })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      createMilestone(viewer, slug, { workStream: "rbac", title: "x", week: 1 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).doneAt).toEqual(
      milestone.doneAt,
    );
  });
});

describe("dated ticks", () => {
  const slug = uniqueSlug("done-on");
  let editor: Actor;
  beforeAll(async () => {
    await loadDemoProgram({ slug });
    editor = await userActor(slug, "editor");
  });

  it("records the done-on day given (and who recorded it when), audited; today by default", async () => {
    const ticked = await setMilestoneDone(editor, slug, "rbac-design", { done: true, doneOn: "2025-10-09" });
    expect(ticked.doneOn).toBe("2025-10-09");
    expect(Date.now() - Date.parse(ticked.doneAt ?? "")).toBeLessThan(60_000);
    const db = await getDb();
    const [entry] = await db.auditLog.findMany({
      where: { project: { slug }, action: "milestone.done" },
      orderBy: { createdAt: "desc" },
    });
    expect(entry.after).toMatchObject({ doneOn: "2025-10-09", doneBy: `editor-${slug}@example.com` });
    const today = new Date().toISOString().slice(0, 10);
    expect((await setMilestoneDone(editor, slug, "rbac-middleware", { done: true })).doneOn).toBe(today);
    const met = await setCriterionMet(editor, slug, "w23-rbac-started", { met: true, doneOn: "2025-10-20" });
    expect(met.metOn).toBe("2025-10-20");
  });

  it("refuses a done-on day before the phase's start, naming doneOn, and writes nothing", async () => {
    const db = await getDb();
    const where = { key: "rbac-all-endpoints", workStream: { phase: { project: { slug } } } };
    const error = await setMilestoneDone(editor, slug, "rbac-all-endpoints", {
      done: true,
      doneOn: "2025-10-04",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe("doneOn");
    expect(error.message).toMatch(/2025-10-04 is before the phase's start 2025-10-05/);
    expect((await db.milestone.findFirstOrThrow({ where })).doneAt).toBeNull();
    const criterion = await setCriterionMet(editor, slug, "p2-rbac", {
      met: true,
      doneOn: "2025-09-30",
    }).catch((e) => e);
    expect(criterion).toBeInstanceOf(ValidationError);
    expect(criterion.field).toBe("doneOn");
  });

  it("a period's report counts a tick by its done-on day, not the day it was recorded", async () => {
    const inWeek1 = await findReport(SYSTEM, slug, { period: "week-1" });
    const criteria = inWeek1.exitCriteria?.periods.flatMap((p) => p.criteria) ?? [];
    // Recorded today, done on 2025-10-20 (week 2-3): not in week 1, in week 2-3.
    expect(criteria.find((c) => c.id === "w23-rbac-started")?.met).toBe(false);
    const week23 = await findReport(SYSTEM, slug, { period: "week-2-3" });
    const later = week23.exitCriteria?.periods.flatMap((p) => p.criteria) ?? [];
    expect(later.find((c) => c.id === "w23-rbac-started")?.met).toBe(true);
  });

  it("a period's recorded changes list a tick by its done-on day, with its note, and say when it was done outside", async () => {
    const changes = async (period: string) =>
      (await findReport(SYSTEM, slug, { period })).activity.map((a) => a.summary);
    await setCriterionMet(editor, slug, "p2-rate-limiting", {
      met: true,
      doneOn: "2025-10-16",
      note: "live",
    });
    await setMilestoneDone(editor, slug, "ratelimit-design", {
      done: true,
      doneOn: "2025-10-08",
      note: "ok",
    });
    // Recorded in week 2-3 for work done in week 1 (ticks here are recorded today, after every demo period).
    const db = await getDb();
    await db.auditLog.updateMany({
      where: { project: { slug }, action: "milestone.done", target: "milestone ratelimit-design" },
      data: { createdAt: new Date("2025-10-20T12:00:00Z") },
    });
    // Week 1 (2025-10-05 to 2025-10-11) lists the tick done then although recorded later, not the criterion's.
    const week1 = await changes("week-1");
    expect(week1).toContain("ticked milestone ratelimit-design, done on 2025-10-08 (ok)");
    expect(week1.filter((s) => s.includes("p2-rate-limiting"))).toEqual([]);
    // Week 2-3 lists the criterion done in it (recorded today) and says the milestone recorded then was done outside.
    const week23 = await changes("week-2-3");
    expect(week23).toContain("ticked exit criterion p2-rate-limiting, done on 2025-10-16 (live)");
    expect(week23).toContain(
      "ticked milestone ratelimit-design, done on 2025-10-08, outside this period (ok)",
    );
  });
});

describe("program export", () => {
  const slug = uniqueSlug("export");
  beforeAll(async () => {
    await loadDemoProgram({ slug });
  });

  /** Export, import into a second project under the same file, and export again. */
  async function roundTrip(from: string) {
    const first = await exportProgram(SYSTEM, from);
    const to = uniqueSlug("export-copy");
    // Name and description are the project's settings (not changed by an import): the new project starts with them.
    await createProject(SYSTEM, {
      slug: to,
      name: first.project.name,
      description: first.project.description,
    });
    const text = stringify({ ...first, project: { ...first.project, slug: to } });
    await applyProgram(SYSTEM, to, parseProgramOrThrow(text, "export.yaml"));
    const second = await exportProgram(SYSTEM, to);
    return { first, second: { ...second, project: { ...second.project, slug: from } } };
  }

  it("exports the demo's file: every phase, the file's ticks with their done-on day, valid for import", async () => {
    const demo = parseProgramOrThrow(readFileSync("examples/maestro/program.yaml", "utf8"), "program.yaml");
    const exported = await exportProgram(SYSTEM, slug);
    const valid = parseProgramOrThrow(stringify(exported), "export.yaml");
    expect(valid).toEqual(exported);
    expect(exported.phases.map((p) => p.id)).toEqual(demo.phases.map((p) => p.id));
    // The plan is the file's; the ticks are the file's, stated with their done-on day and a full date-time.
    const plan = (p: ProgramDefinition) =>
      JSON.parse(
        JSON.stringify(p.phases, (key, value) => (key === "done" || key === "met" ? undefined : value)),
      );
    expect(plan(exported)).toEqual(plan(demo));
    const ticks = (p: ProgramDefinition) =>
      p.phases.flatMap((ph) =>
        ph.milestones.filter((m) => m.done).map((m) => [m.id, m.done?.on ?? m.done?.at]),
      );
    expect(ticks(exported)).toEqual(ticks(demo));
    expect(exported.maturity).toEqual(demo.maturity);
  });

  it("export then import gives the same program: the demo, with ticks, notes and a milestone added in the app", async () => {
    await setMilestoneDone(SYSTEM, slug, "rbac-design", { done: true, doneOn: "2025-10-10", note: "agreed" });
    await createMilestone(SYSTEM, slug, { workStream: "rbac", title: "Added in the app", week: 4 });
    const { first, second } = await roundTrip(slug);
    expect(second).toEqual(first);
    expect(first.phases[1].milestones.find((m) => m.id === "rbac-design")?.done).toMatchObject({
      on: "2025-10-10",
      note: "agreed",
    });
    // Importing its own export again changes nothing (the app-added milestone is matched by its id).
    const again = parseProgramOrThrow(stringify(first), "export.yaml");
    await applyProgram(SYSTEM, slug, again);
    expect(await exportProgram(SYSTEM, slug)).toEqual(first);
  });

  it("export then import gives the same program for a generated multi-phase program", async () => {
    const gen = uniqueSlug("generated");
    await createProject(SYSTEM, { slug: gen, name: "Generated" });
    await applyProgram(SYSTEM, gen, generatedProgram(gen, 4));
    const { first, second } = await roundTrip(gen);
    expect(first.phases).toHaveLength(4);
    expect(second).toEqual(first);
  });

  it("GET …/program answers YAML, or JSON when asked, and 404 to those who may not read", async () => {
    const params = Promise.resolve({ slug });
    const yaml = await GET(new Request(`http://localhost/api/v1/projects/${slug}/program`), { params });
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get("content-type")).toMatch(/yaml/);
    expect(parseProgramOrThrow(await yaml.text(), "export.yaml").phases).toHaveLength(3);
    const json = await GET(
      new Request(`http://localhost/api/v1/projects/${slug}/program`, {
        headers: { accept: "application/json" },
      }),
      { params },
    );
    expect((await json.json()).kind).toBe("Program");
    const priv = uniqueSlug("private");
    await createProject(SYSTEM, { slug: priv, name: "Private" });
    const hidden = await GET(new Request(`http://localhost/api/v1/projects/${priv}/program`), {
      params: Promise.resolve({ slug: priv }),
    });
    expect([401, 404]).toContain(hidden.status);
  });
});

/** A program of `phases` consecutive two-week phases, with scan and milestone streams, ticks and notes. */
function generatedProgram(slug: string, phases: number): ProgramDefinition {
  const text = stringify({
    apiVersion: "rampart.io/v1",
    kind: "Program",
    project: { slug, name: "Generated", description: "Generated multi-phase program" },
    environments: [{ name: "production" }, { name: "staging", description: "Staging" }],
    maturity: { baseline: 0.3, target: 0.9, note: "generated" },
    phases: Array.from({ length: phases }, (_, i) => {
      const start = addDays("2025-01-05", 21 * i);
      const n = i + 1;
      return {
        id: `phase-${n}`,
        number: n,
        name: `Phase ${n}`,
        ...(i % 2 ? { goal: `Goal ${n}` } : {}),
        start,
        end: addDays(start, 13),
        weeks: [
          {
            id: `p${n}-w1`,
            label: "Week 1",
            title: "First",
            from: 1,
            to: 1,
            start,
            end: addDays(start, 6),
            goals: [`Goal A${n}`],
            exitCriteria: [
              {
                id: `p${n}-manual`,
                title: "Manual",
                rule:
                  i === 0
                    ? {
                        type: "manual",
                        met: { on: start, at: `${addDays(start, 1)}T10:00:00.000Z`, by: "ana" },
                      }
                    : { type: "manual" },
              },
            ],
            notes: { keyLearnings: `### Learned ${n}` },
          },
          {
            id: `p${n}-w2`,
            label: "Week 2",
            title: "Second",
            from: 2,
            to: 2,
            start: addDays(start, 7),
            end: addDays(start, 13),
            exitCriteria: [
              {
                id: `p${n}-scan`,
                title: "Scan",
                workStream: `p${n}-hardening`,
                rule: {
                  type: "controls-pass",
                  controls: ["run-as-non-root"],
                  environment: "production",
                  minRatio: 0.5,
                },
              },
            ],
          },
        ],
        workStreams: [
          {
            id: `p${n}-hardening`,
            name: "Hardening",
            weeks: { from: 1, to: 2 },
            weight: 2,
            progress: { type: "scan", environment: "production", controls: ["run-as-non-root"] },
          },
          {
            id: `p${n}-ops`,
            name: "Ops",
            description: "Ops work",
            weeks: { from: 2, to: 2 },
            progress: { type: "milestones" },
          },
        ],
        milestones: [
          {
            id: `p${n}-m1`,
            workStream: `p${n}-ops`,
            title: "One",
            week: 2,
            ...(i < 2
              ? {
                  done: {
                    on: addDays(start, 8),
                    at: `${addDays(start, 9)}T08:00:00.000Z`,
                    by: "bo",
                    note: "n",
                  },
                }
              : {}),
          },
        ],
        exitCriteria: [
          {
            id: `p${n}-ms`,
            title: "Milestones",
            rule: { type: "milestones-done", milestones: [`p${n}-m1`] },
          },
        ],
        metrics: [
          {
            id: `p${n}-count`,
            label: "Count",
            kind: "components-count",
            environment: "production",
            target: 5,
          },
          {
            id: `p${n}-nonroot`,
            label: "Non-root",
            control: "run-as-non-root",
            environment: "staging",
            workStream: `p${n}-hardening`,
          },
        ],
      };
    }),
  });
  return parseProgramOrThrow(text, "generated.yaml");
}
