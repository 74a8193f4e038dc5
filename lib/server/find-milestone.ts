import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError } from "./errors";

/**
 * A milestone of the project's roadmap by its database id or its program-file key, scoped by the project: a
 * milestone of another project is never found.
 */
export async function findMilestone(tx: Prisma.TransactionClient, projectId: string, milestoneId: string) {
  const scope = { workStream: { phase: { projectId } } };
  const milestone =
    (await tx.milestone.findFirst({ where: { id: milestoneId, ...scope } })) ??
    (await tx.milestone.findFirst({ where: { key: milestoneId, ...scope }, orderBy: { createdAt: "asc" } }));
  if (!milestone) throw new NotFoundError(`milestone "${milestoneId}"`);
  return milestone;
}

export type MilestoneRow = Awaited<ReturnType<typeof findMilestone>>;

/** The fields an audit entry and an API answer show. */
export function milestoneView(m: MilestoneRow) {
  return {
    id: m.id,
    key: m.key,
    title: m.title,
    week: m.week,
    doneOn: m.doneOn ? m.doneOn.toISOString().slice(0, 10) : null,
    doneAt: m.doneAt ? m.doneAt.toISOString() : null,
    doneBy: m.doneBy,
    doneNote: m.doneNote,
  };
}
