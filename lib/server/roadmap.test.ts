import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSlug } from "@/test/factories";
import { type Actor, SYSTEM } from "./actor";
import { createMilestone } from "./create-milestone";
import { createProject } from "./create-project";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { findProgramFigures } from "./find-program-figures";
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
    const ticked = await setMilestoneDone(editor, slug, "rbac-all-endpoints", { done: true });
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
