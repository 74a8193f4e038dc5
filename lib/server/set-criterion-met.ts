import "server-only";
import type { CriterionRule } from "@/lib/program";
import type { SetCriterionMetInput } from "@/lib/validations/roadmap";
import { type Actor, actorLabel } from "./actor";
import { getDb } from "./db";
import { NotFoundError, ValidationError } from "./errors";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/**
 * Ticks a manual exit criterion (recording who, when and an optional note) or unticks it. Automatic criteria (a
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
    const after = await tx.exitCriterion.update({
      where: { id: before.id },
      data: input.met
        ? { metAt: new Date(), metBy: actorLabel(actor), metNote: input.note || null }
        : { metAt: null, metBy: null, metNote: null },
    });
    const state = (c: typeof before) =>
      c.metAt ? { metAt: c.metAt.toISOString(), metBy: c.metBy, metNote: c.metNote } : null;
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
      metAt: after.metAt ? after.metAt.toISOString() : null,
      metBy: after.metBy,
      metNote: after.metNote,
    };
  });
}
