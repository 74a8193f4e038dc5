import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CriterionRule } from "@/lib/program";
import type { SetCriterionMetInput } from "@/lib/validations/roadmap";
import { type Actor, actorLabel } from "./actor";
import { getDb } from "./db";
import { NotFoundError, ValidationError } from "./errors";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { resolveDoneOn } from "./resolve-done-on";
import { writeAudit } from "./write-audit";

/**
 * Ticks a manual exit criterion (the day it was met, default today, and who recorded it when, with an optional
 * note) or unticks it. A done-on day before the criterion's phase starts is a ValidationError (`doneOn`). Automatic criteria (a
 * rule over scan data, milestones or maturity) are computed, never ticked: ValidationError, nothing written.
 */
export async function setCriterionMet(
  actor: Actor,
  projectSlug: string,
  criterionId: string,
  input: SetCriterionMetInput,
) {
  const project = await requireProject(actor, projectSlug, "edit");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const scope = { phase: { projectId: project.id } };
    const before =
      (await tx.exitCriterion.findFirst({ where: { id: criterionId, ...scope } })) ??
      (await tx.exitCriterion.findFirst({
        where: { key: criterionId, ...scope },
        orderBy: { phase: { position: "asc" } },
      }));
    if (!before) throw new NotFoundError(`exit criterion "${criterionId}"`);
    const rule = before.rule as CriterionRule;
    if (rule.type !== "manual") {
      throw new ValidationError(
        `"${before.title}" is computed automatically (${rule.type}) and cannot be ticked by hand`,
        "met",
      );
    }
    let data: Prisma.ExitCriterionUpdateInput = { metOn: null, metAt: null, metBy: null, metNote: null };
    if (input.met) {
      const phase = await tx.phase.findUniqueOrThrow({
        where: { id: before.phaseId },
        select: { startsOn: true },
      });
      data = {
        metOn: resolveDoneOn(input.doneOn, phase.startsOn),
        metAt: new Date(),
        metBy: actorLabel(actor),
        metNote: input.note || null,
      };
    }
    const after = await tx.exitCriterion.update({ where: { id: before.id }, data });
    const metOn = (c: typeof before) => c.metOn?.toISOString().slice(0, 10) ?? null;
    const state = (c: typeof before) =>
      c.metAt ? { metOn: metOn(c), metAt: c.metAt.toISOString(), metBy: c.metBy, metNote: c.metNote } : null;
    await bumpProgramVersion(tx, project.id, "program");
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: input.met ? "criterion.met" : "criterion.unmet",
      target: `exit criterion ${before.key}`,
      before: state(before),
      after: state(after),
    });
    return {
      id: after.id,
      key: after.key,
      title: after.title,
      metOn: metOn(after),
      metAt: after.metAt ? after.metAt.toISOString() : null,
      metBy: after.metBy,
      metNote: after.metNote,
    };
  });
}
