import "server-only";
import type { SetMilestoneDoneInput } from "@/lib/validations/roadmap";
import { type Actor, actorLabel } from "./actor";
import { getDb } from "./db";
import { findMilestone, milestoneView } from "./find-milestone";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/** Ticks a milestone (recording who, when and an optional note) or unticks it (clearing them). */
export async function setMilestoneDone(
  actor: Actor,
  projectSlug: string,
  milestoneId: string,
  input: SetMilestoneDoneInput,
) {
  const project = await requireProject(actor, projectSlug, "edit");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await findMilestone(tx, project.id, milestoneId);
    const after = await tx.milestone.update({
      where: { id: before.id },
      data: input.done
        ? { doneAt: new Date(), doneBy: actorLabel(actor), doneNote: input.note || null }
        : { doneAt: null, doneBy: null, doneNote: null },
    });
    const state = (m: typeof before) =>
      m.doneAt ? { doneAt: m.doneAt.toISOString(), doneBy: m.doneBy, doneNote: m.doneNote } : null;
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: input.done ? "milestone.done" : "milestone.undone",
      target: `milestone ${before.key ?? before.id}`,
      before: state(before),
      after: state(after),
    });
    return milestoneView(after);
  });
}
