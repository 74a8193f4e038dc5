import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { getDb } from "./db";
import { NotFoundError, ValidationError } from "./errors";

/** A stored exception of the project by id, scoped by the project: another project's is never found. */
export async function findException(tx: Prisma.TransactionClient, projectId: string, exceptionId: string) {
  const exception = await tx.exception.findFirst({
    where: { id: exceptionId, projectId },
    include: { environment: { select: { name: true } } },
  });
  if (!exception) throw new NotFoundError(`exception "${exceptionId}"`);
  return exception;
}

export type ExceptionRow = Awaited<ReturnType<typeof findException>>;

/** The fields an audit entry and an API answer show. */
export function exceptionView(e: ExceptionRow) {
  return {
    id: e.id,
    environment: e.environment?.name ?? null,
    selector: { kind: e.selectorKind, namespace: e.selectorNamespace, name: e.selectorName },
    control: e.controlId,
    justification: e.justification,
    owner: e.owner,
    expires: e.expiresAt ? e.expiresAt.toISOString().slice(0, 10) : null,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** `expires` (YYYY-MM-DD) as stored: that day at 00:00 UTC (valid through its end). */
export const expiresAtOf = (expires: string | null) => (expires ? new Date(`${expires}T00:00:00Z`) : null);

/** An environment of the project by name (null: every environment); an unknown name is a validation error. */
export async function environmentIdOf(
  tx: Prisma.TransactionClient | Awaited<ReturnType<typeof getDb>>,
  projectId: string,
  name: string | null,
): Promise<string | null> {
  if (name === null) return null;
  const environment = await tx.environment.findFirst({ where: { projectId, name }, select: { id: true } });
  if (!environment)
    throw new ValidationError(`no environment named "${name}" in this program`, "environment");
  return environment.id;
}
