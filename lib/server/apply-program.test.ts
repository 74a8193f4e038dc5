import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseProgramOrThrow } from "@/lib/program";
import { uniqueSlug } from "@/test/factories";
import { type Actor, SYSTEM } from "./actor";
import { applyProgram } from "./apply-program";
import { createMilestone } from "./create-milestone";
import { createProject } from "./create-project";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { findProgramFigures } from "./find-program-figures";
import { setCriterionMet } from "./set-criterion-met";
import { setMembership } from "./set-membership";
import { setMilestoneDone } from "./set-milestone-done";

const MAESTRO = readFileSync("examples/maestro/program.yaml", "utf8");
/** The demo's program file, addressed to another project (and optionally edited as text). */
const programFor = (slug: string, edit: (text: string) => string = (t) => t) =>
  parseProgramOrThrow(edit(MAESTRO.replace("slug: maestro", `slug: ${slug}`)), "program.yaml");

async function member(slug: string, role: "viewer" | "editor"): Promise<Actor> {
  const email = `${role}-${slug}@example.com`;
  const user = await createUser(SYSTEM, { name: role, email, password: "apply-program-password" });
  await setMembership(SYSTEM, slug, { email, role });
  return { kind: "user", userId: user.id, label: email, instanceAdmin: false };
}

describe("applyProgram", () => {
  const slug = uniqueSlug("program");
  let editor: Actor;
  let viewer: Actor;
  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Program import" });
    editor = await member(slug, "editor");
    viewer = await member(slug, "viewer");
  });

  const roadmapRows = async () => {
    const db = await getDb();
    const inProject = { phase: { project: { slug } } };
    return {
      milestones: await db.milestone.count({ where: { workStream: inProject } }),
      criteria: await db.exitCriterion.count({ where: inProject }),
      periods: await db.period.count({ where: inProject }),
    };
  };

  it("creates the roadmap of a project that has none, with the file's environments and maturity", async () => {
    const program = programFor(slug);
    const result = await applyProgram(editor, slug, program);
    const sum = (count: (phase: (typeof program.phases)[number]) => number) =>
      program.phases.reduce((n, phase) => n + count(phase), 0);
    expect(result).toMatchObject({
      created: true,
      phases: 3,
      periods: sum((p) => p.weeks.length),
      workStreams: sum((p) => p.workStreams.length),
      milestones: sum((p) => p.milestones.length),
      exitCriteria: sum(
        (p) => p.exitCriteria.length + p.weeks.reduce((n, w) => n + w.exitCriteria.length, 0),
      ),
      metrics: sum((p) => p.metrics.length),
    });
    // Every phase is stored and can be shown; without scans, the current phase is the latest one started.
    const figures = await findProgramFigures(editor, slug, { now: new Date("2026-12-02T12:00:00Z") });
    expect(figures.phases.map((p) => [p.id, p.status])).toEqual([
      ["phase-1", "done"],
      ["phase-2", "done"],
      ["phase-3", "done"],
    ]);
    expect(figures.phase?.id).toBe("phase-3");
    expect(figures.environments).toEqual(["dev", "production"]);
    expect(figures.program.maturity).toMatchObject({ baseline: 0.62, target: 0.83 });
    const phase2 = await findProgramFigures(editor, slug, {
      phase: "phase-2",
      now: new Date("2025-10-20T12:00:00Z"),
    });
    expect(phase2.phase?.name).toBe("Production Hardening");
    expect(phase2.isCurrentPhase).toBe(true);
    expect(phase2.phases.map((p) => p.status)).toEqual(["done", "current", "planned"]);
  });

  it("replaces the plan and keeps the ticks, app-added milestones and notes recorded since, audited", async () => {
    const db = await getDb();
    const design = await db.milestone.findFirstOrThrow({
      where: { key: "rbac-design", workStream: { phase: { project: { slug } } } },
    });
    await setMilestoneDone(editor, slug, design.id, { done: true, note: "signed off" });
    await createMilestone(editor, slug, { workStream: "rbac", title: "Added in the app", week: 4 });
    await setCriterionMet(editor, slug, "w23-rbac-started", { met: true, note: "PR 7" });
    await db.period.updateMany({
      where: { key: "week-1", phase: { project: { slug } } },
      data: { handoffNotes: "Written in the app" },
    });

    const renamed = programFor(slug, (t) =>
      t.replace("Role model and permission matrix agreed", "Role model agreed"),
    );
    const result = await applyProgram(editor, slug, renamed);
    expect(result.created).toBe(false);
    // The file's own initial ticks are recorded state too; the app added one of each on top.
    const phases = renamed.phases;
    const fileCriteria = phases.flatMap((p) => [
      ...p.exitCriteria,
      ...p.weeks.flatMap((w) => w.exitCriteria),
    ]);
    expect(result.kept).toEqual({
      milestonesDone: phases.flatMap((p) => p.milestones).filter((m) => m.done).length + 1,
      milestonesAdded: 1,
      criteriaMet: fileCriteria.filter((c) => c.rule.type === "manual" && c.rule.met).length + 1,
      periodNotes: new Set([
        ...phases
          .flatMap((p) => p.weeks)
          .filter((w) => w.notes?.keyLearnings || w.notes?.handoff)
          .map((w) => w.id),
        "week-1",
      ]).size,
    });

    const milestones = await db.milestone.findMany({
      where: { workStream: { key: "rbac", phase: { project: { slug } } } },
      orderBy: { position: "asc" },
    });
    expect(milestones.find((m) => m.key === "rbac-design")).toMatchObject({
      title: "Role model agreed",
      doneBy: `editor-${slug}@example.com`,
      doneNote: "signed off",
    });
    expect(milestones.at(-1)).toMatchObject({ key: null, title: "Added in the app", week: 4, doneAt: null });
    const criterion = await db.exitCriterion.findFirstOrThrow({
      where: { key: "w23-rbac-started", phase: { project: { slug } } },
    });
    expect(criterion.metNote).toBe("PR 7");
    const period = await db.period.findFirstOrThrow({
      where: { key: "week-1", phase: { project: { slug } } },
    });
    expect(period.handoffNotes).toBe("Written in the app");

    const [entry] = await db.auditLog.findMany({
      where: { project: { slug }, action: "program.replace" },
      orderBy: { createdAt: "desc" },
    });
    expect(entry.actorLabel).toBe(`editor-${slug}@example.com`);
    expect(entry.after).toMatchObject({ phaseKeys: ["phase-1", "phase-2", "phase-3"], kept: result.kept });
  });

  it("keeps an untick made in the app even though the file says the milestone is done", async () => {
    const db = await getDb();
    const where = { key: "hardening-patterns", workStream: { phase: { project: { slug } } } };
    expect((await db.milestone.findFirstOrThrow({ where })).doneAt).not.toBeNull();
    await setMilestoneDone(editor, slug, (await db.milestone.findFirstOrThrow({ where })).id, {
      done: false,
    });
    await applyProgram(editor, slug, programFor(slug));
    expect((await db.milestone.findFirstOrThrow({ where })).doneAt).toBeNull();
  });

  it("refuses a file addressed to another project, viewers and non-members, and changes nothing", async () => {
    const before = await roadmapRows();
    const error = await applyProgram(editor, slug, programFor("someone-else")).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe("project.slug");
    await expect(applyProgram(viewer, slug, programFor(slug))).rejects.toBeInstanceOf(ForbiddenError);
    const stranger = await createUser(SYSTEM, {
      name: "stranger",
      email: `stranger-${slug}@example.com`,
      password: "apply-program-password",
    });
    const strangerActor: Actor = {
      kind: "user",
      userId: stranger.id,
      label: "stranger",
      instanceAdmin: false,
    };
    await expect(applyProgram(strangerActor, slug, programFor(slug))).rejects.toBeInstanceOf(NotFoundError);
    expect(await roadmapRows()).toEqual(before);
  });
});
