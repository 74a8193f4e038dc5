import "server-only";
import type { CreateMilestoneInput } from "@/lib/validations/roadmap";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { milestoneView } from "./find-milestone";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/** Adds a milestone to one of the project's work streams (by its key), at the end of its list. */
export async function createMilestone(actor: Actor, projectSlug: string, input: CreateMilestoneInput) {
  const project = await requireProject(actor, projectSlug, "edit");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const workStream = await tx.workStream.findFirst({
      where: { key: input.workStream, phase: { projectId: project.id } },
      orderBy: { phase: { position: "asc" } },
      select: { id: true, key: true },
    });
    if (!workStream) throw new NotFoundError(`work stream "${input.workStream}"`);
    const last = await tx.milestone.aggregate({
      where: { workStreamId: workStream.id },
      _max: { position: true },
    });
    const milestone = await tx.milestone.create({
      data: {
        workStreamId: workStream.id,
        title: input.title,
        week: input.week,
        position: (last._max.position ?? -1) + 1,
      },
    });
    const view = milestoneView(milestone);
    await bumpProgramVersion(tx, project.id, "program");
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: "milestone.create",
      target: `milestone ${milestone.id} (${workStream.key})`,
      before: null,
      after: view,
    });
    return view;
  });
}
