import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type Actor, actorLabel } from "./actor";

export type AuditEntry = {
  projectId: string | null;
  action: string;
  target: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

/** Records who did what, when, before → after, in the same transaction as the change itself. */
export async function writeAudit(
  tx: Prisma.TransactionClient,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      projectId: entry.projectId,
      actorType: actor.kind,
      actorId: actor.kind === "user" ? actor.userId : actor.kind === "token" ? actor.tokenId : null,
      actorLabel: actorLabel(actor),
      action: entry.action,
      target: entry.target,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}
