import "server-only";
import type { UpdateMilestoneInput } from "@/lib/validations/roadmap";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { findMilestone, milestoneView } from "./find-milestone";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/** Changes a milestone's title and/or week. */
export async function updateMilestone(
  actor: Actor,
  projectSlug: string,
  milestoneId: string,
  input: UpdateMilestoneInput,
) {
  const project = await requireProject(actor, projectSlug, "edit");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await findMilestone(tx, project.id, milestoneId);
    const after = await tx.milestone.update({
      where: { id: before.id },
      data: {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.week !== undefined ? { week: input.week } : {}),
      },
    });
    await bumpProgramVersion(tx, project.id, "program");
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: "milestone.update",
      target: `milestone ${before.key ?? before.id}`,
      before: { title: before.title, week: before.week },
      after: { title: after.title, week: after.week },
    });
    return milestoneView(after);
  });
}
