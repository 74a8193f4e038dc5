import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProgramDefinition } from "@/lib/program";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { ValidationError } from "./errors";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";
import { writeProgramRows } from "./write-program-rows";

export type ApplyProgramResult = {
  created: boolean;
  phases: number;
  periods: number;
  workStreams: number;
  milestones: number;
  exitCriteria: number;
  metrics: number;
  /** Manual state carried over from the roadmap it replaced. */
  kept: { milestonesDone: number; milestonesAdded: number; criteriaMet: number; periodNotes: number };
};

/** What people recorded in the app on a roadmap, read before it is replaced. */
const RECORDED_STATE = {
  key: true,
  periods: { select: { key: true, keyLearnings: true, handoffNotes: true } },
  workStreams: {
    select: {
      key: true,
      milestones: {
        select: {
          id: true,
          key: true,
          title: true,
          week: true,
          doneOn: true,
          doneAt: true,
          doneBy: true,
          doneNote: true,
        },
      },
    },
  },
  exitCriteria: { select: { key: true, metOn: true, metAt: true, metBy: true, metNote: true } },
} satisfies Prisma.PhaseSelect;

/**
 * Sets a project's roadmap from a program file (program.yaml), the way a team keeps its plan in git: the first
 * call creates the roadmap; later calls replace the plan but keep what people recorded in the app, matched by
 * key: milestone ticks, milestones added in the app (re-attached to their work stream if it still exists),
 * criterion ticks and period notes. One transaction: a bad file changes nothing.
 */
export async function applyProgram(
  actor: Actor,
  projectSlug: string,
  program: ProgramDefinition,
): Promise<ApplyProgramResult> {
  const project = await requireProject(actor, projectSlug, "edit");
  if (program.project.slug !== project.slug) {
    throw new ValidationError(
      `the file is for project "${program.project.slug}", not "${project.slug}"`,
      "project.slug",
    );
  }
  const db = await getDb();
  return db.$transaction(
    async (tx) => {
      const old = await tx.phase.findMany({
        where: { projectId: project.id },
        select: RECORDED_STATE,
      });
      await tx.phase.deleteMany({ where: { projectId: project.id } });
      await tx.environment.createMany({
        data: program.environments.map((e) => ({
          projectId: project.id,
          name: e.name,
          description: e.description ?? "",
        })),
        skipDuplicates: true,
      });
      await tx.project.update({
        where: { id: project.id },
        data: { maturityBaseline: program.maturity.baseline, maturityTarget: program.maturity.target },
      });
      await writeProgramRows(tx, project.id, program);

      const kept = await restoreState(tx, project.id, old);
      const after = await countRoadmap(tx, project.id);
      await bumpProgramVersion(tx, project.id, "program");
      await writeAudit(tx, actor, {
        projectId: project.id,
        action: old.length ? "program.replace" : "program.create",
        target: `project ${project.slug} roadmap`,
        before: old.length ? { phaseKeys: old.map((p) => p.key) } : null,
        after: { phaseKeys: program.phases.map((p) => p.id), ...after, kept },
      });
      return { created: old.length === 0, ...after, kept };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

type Tx = Prisma.TransactionClient;
type OldRoadmap = Prisma.PhaseGetPayload<{ select: typeof RECORDED_STATE }>[];

async function restoreState(tx: Tx, projectId: string, old: OldRoadmap) {
  const kept = { milestonesDone: 0, milestonesAdded: 0, criteriaMet: 0, periodNotes: 0 };
  const phases = await tx.phase.findMany({
    where: { projectId },
    select: {
      key: true,
      periods: { select: { id: true, key: true, keyLearnings: true, handoffNotes: true } },
      workStreams: {
        select: { id: true, key: true, milestones: { select: { id: true, key: true, position: true } } },
      },
      exitCriteria: { select: { id: true, key: true } },
    },
  });
  for (const phase of phases) {
    const before = old.find((p) => p.key === phase.key);
    if (!before) continue;

    for (const criterion of phase.exitCriteria) {
      const was = before.exitCriteria.find((c) => c.key === criterion.key);
      if (!was) continue;
      // Recorded state wins over the file's initial state either way: an untick in the app stays unticked.
      await tx.exitCriterion.update({
        where: { id: criterion.id },
        data: { metOn: was.metOn, metAt: was.metAt, metBy: was.metBy, metNote: was.metNote },
      });
      if (was.metAt) kept.criteriaMet++;
    }

    for (const period of phase.periods) {
      const was = before.periods.find((p) => p.key === period.key);
      if (!was || (!was.keyLearnings && !was.handoffNotes)) continue;
      // Notes written in the app win over the file's initial text; the file cannot silently erase them.
      await tx.period.update({
        where: { id: period.id },
        data: {
          keyLearnings: was.keyLearnings || period.keyLearnings,
          handoffNotes: was.handoffNotes || period.handoffNotes,
        },
      });
      kept.periodNotes++;
    }

    for (const stream of phase.workStreams) {
      const wasStream = before.workStreams.find((s) => s.key === stream.key);
      if (!wasStream) continue;
      let position = Math.max(-1, ...stream.milestones.map((m) => m.position));
      for (const was of wasStream.milestones) {
        const done = { doneOn: was.doneOn, doneAt: was.doneAt, doneBy: was.doneBy, doneNote: was.doneNote };
        // A milestone added in the app is exported under its database id: importing that file matches it by id.
        const match = stream.milestones.find((m) => m.key === (was.key ?? was.id));
        if (match) {
          await tx.milestone.update({ where: { id: match.id }, data: done });
          if (was.doneAt) kept.milestonesDone++;
        } else if (!was.key && !phase.workStreams.some((s) => s.milestones.some((m) => m.key === was.id))) {
          // Added in the app (no key in any file): keep it in its work stream.
          position += 1;
          await tx.milestone.create({
            data: { workStreamId: stream.id, title: was.title, week: was.week, position, ...done },
          });
          kept.milestonesAdded++;
        }
      }
    }
  }
  return kept;
}

async function countRoadmap(tx: Tx, projectId: string) {
  const inProject = { phase: { projectId } };
  // One after another: an interactive transaction holds a single connection.
  const phases = await tx.phase.count({ where: { projectId } });
  const periods = await tx.period.count({ where: inProject });
  const workStreams = await tx.workStream.count({ where: inProject });
  const milestones = await tx.milestone.count({ where: { workStream: inProject } });
  const exitCriteria = await tx.exitCriterion.count({ where: inProject });
  const metrics = await tx.metric.count({ where: inProject });
  return { phases, periods, workStreams, milestones, exitCriteria, metrics };
}
