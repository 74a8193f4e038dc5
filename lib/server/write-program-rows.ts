import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type CriterionRule, doneOnDay, type ExitCriterion, type ProgramDefinition } from "@/lib/program";

/** A program date (YYYY-MM-DD, or a date-time whose day counts) as a UTC midnight for `@db.Date` columns. */
export const day = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/** The rule without its initial manual state, which lives in metAt/metBy/metNote. */
function storedRule(rule: CriterionRule): Prisma.InputJsonObject {
  if (rule.type === "manual") return { type: "manual" };
  return rule as Prisma.InputJsonObject;
}

function metState(rule: CriterionRule) {
  if (rule.type !== "manual" || !rule.met) return {};
  return {
    metOn: day(doneOnDay(rule.met)),
    metAt: new Date(rule.met.at),
    metBy: rule.met.by,
    metNote: rule.met.note ?? null,
  };
}

/**
 * Writes a program definition's roadmap rows for a project: phases with their periods, work streams, milestones,
 * exit criteria and metric targets, with the file's initial manual state, and the maturity's note. Runs inside the
 * caller's transaction.
 */
export async function writeProgramRows(
  tx: Prisma.TransactionClient,
  projectId: string,
  program: ProgramDefinition,
) {
  await tx.project.update({ where: { id: projectId }, data: { maturityNote: program.maturity.note ?? "" } });
  for (const [phaseIndex, phase] of program.phases.entries()) {
    const created = await tx.phase.create({
      data: {
        projectId,
        key: phase.id,
        number: phase.number ?? null,
        name: phase.name,
        goal: phase.goal ?? "",
        startsOn: day(phase.start),
        endsOn: day(phase.end),
        position: phaseIndex,
        periods: {
          create: phase.weeks.map((w, position) => ({
            key: w.id,
            label: w.label,
            title: w.title,
            fromWeek: w.from,
            toWeek: w.to,
            startsOn: day(w.start),
            endsOn: day(w.end),
            goals: w.goals,
            keyLearnings: w.notes?.keyLearnings ?? "",
            handoffNotes: w.notes?.handoff ?? "",
            position,
          })),
        },
        workStreams: {
          create: phase.workStreams.map((s, position) => ({
            key: s.id,
            name: s.name,
            description: s.description ?? "",
            fromWeek: s.weeks.from,
            toWeek: s.weeks.to,
            weight: s.weight,
            progress: s.progress as Prisma.InputJsonObject,
            position,
          })),
        },
      },
      include: { periods: true, workStreams: true },
    });
    const periodId = new Map(created.periods.map((p) => [p.key, p.id]));
    const streamId = new Map(created.workStreams.map((s) => [s.key, s.id]));

    await tx.milestone.createMany({
      data: phase.milestones.map((m, position) => ({
        workStreamId: streamId.get(m.workStream) as string,
        key: m.id,
        title: m.title,
        week: m.week,
        doneOn: m.done ? day(doneOnDay(m.done)) : null,
        doneAt: m.done ? new Date(m.done.at) : null,
        doneBy: m.done?.by ?? null,
        doneNote: m.done?.note ?? null,
        position,
      })),
    });

    const criterion = (c: ExitCriterion, position: number, periodKey?: string) => ({
      phaseId: created.id,
      periodId: periodKey ? (periodId.get(periodKey) ?? null) : null,
      workStreamId: c.workStream ? (streamId.get(c.workStream) ?? null) : null,
      key: c.id,
      title: c.title,
      rule: storedRule(c.rule),
      ...metState(c.rule),
      position,
    });
    await tx.exitCriterion.createMany({
      data: [
        ...phase.weeks.flatMap((w) => w.exitCriteria.map((c, i) => criterion(c, i, w.id))),
        ...phase.exitCriteria.map((c, i) => criterion(c, i)),
      ],
    });

    await tx.metric.createMany({
      data: phase.metrics.map((m, position) => ({
        phaseId: created.id,
        workStreamId: m.workStream ? (streamId.get(m.workStream) ?? null) : null,
        key: m.id,
        label: m.label,
        kind: m.kind,
        controlId: m.kind === "control" ? m.control : null,
        environment: m.environment,
        target: m.target === "all-applicable" ? null : m.target,
        position,
      })),
    });
  }
}
