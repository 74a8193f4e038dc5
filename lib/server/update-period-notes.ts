import "server-only";
import type { PeriodNotesInput } from "@/lib/validations/report";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/** Writes a roadmap period's key learnings and/or handoff notes (editors), audited before → after. */
export async function updatePeriodNotes(
  actor: Actor,
  projectSlug: string,
  periodKey: string,
  input: PeriodNotesInput,
) {
  const project = await requireProject(actor, projectSlug, "edit");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const before = await tx.period.findFirst({
      where: { key: periodKey, phase: { projectId: project.id } },
      orderBy: { phase: { position: "asc" } },
      select: { id: true, key: true, keyLearnings: true, handoffNotes: true },
    });
    if (!before) throw new NotFoundError(`period "${periodKey}"`);
    const after = await tx.period.update({
      where: { id: before.id },
      data: {
        ...(input.keyLearnings !== undefined ? { keyLearnings: input.keyLearnings } : {}),
        ...(input.handoff !== undefined ? { handoffNotes: input.handoff } : {}),
      },
      select: { key: true, keyLearnings: true, handoffNotes: true },
    });
    const notes = (p: { keyLearnings: string; handoffNotes: string }) => ({
      keyLearnings: p.keyLearnings,
      handoff: p.handoffNotes,
    });
    await bumpProgramVersion(tx, project.id, "program");
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: "period.notes",
      target: `period ${before.key}`,
      before: notes(before),
      after: notes(after),
    });
    return { period: after.key, ...notes(after) };
  });
}
