import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SetMilestoneDoneInput } from "@/lib/validations/roadmap";
import { type Actor, actorLabel } from "./actor";
import { getDb } from "./db";
import { findMilestone, milestoneView } from "./find-milestone";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { resolveDoneOn } from "./resolve-done-on";
import { writeAudit } from "./write-audit";

/**
 * Ticks a milestone (the day the work was done, default today, and who recorded it when, with an optional note) or
 * unticks it (clearing them). A done-on day before the milestone's phase starts is a ValidationError (`doneOn`).
 */
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
    let data: Prisma.MilestoneUpdateInput = { doneOn: null, doneAt: null, doneBy: null, doneNote: null };
    if (input.done) {
      const phase = await tx.phase.findFirstOrThrow({
        where: { workStreams: { some: { id: before.workStreamId } } },
        select: { startsOn: true },
      });
      data = {
        doneOn: resolveDoneOn(input.doneOn, phase.startsOn),
        doneAt: new Date(),
        doneBy: actorLabel(actor),
        doneNote: input.note || null,
      };
    }
    const after = await tx.milestone.update({ where: { id: before.id }, data });
    const state = (m: typeof before) =>
      m.doneAt
        ? {
            doneOn: m.doneOn?.toISOString().slice(0, 10) ?? null,
            doneAt: m.doneAt.toISOString(),
            doneBy: m.doneBy,
            doneNote: m.doneNote,
          }
        : null;
    await bumpProgramVersion(tx, project.id, "program");
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
