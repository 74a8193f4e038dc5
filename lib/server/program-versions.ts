import "server-only";
import { cache } from "react";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./db";

type Sql = Pick<Prisma.TransactionClient, "$executeRawUnsafe">;

/**
 * Records, in the write's own transaction, that what the figures read of a project changed: `program` for the
 * roadmap and its ticks, notes, settings and policies, `exceptions` for the stored exceptions. Raw SQL, so the
 * project's updatedAt stays the time its settings were last saved.
 */
export async function bumpProgramVersion(tx: Sql, projectId: string, what: "program" | "exceptions") {
  const column = what === "program" ? "programVersion" : "exceptionsVersion";
  await tx.$executeRawUnsafe(`UPDATE "Project" SET "${column}" = "${column}" + 1 WHERE id = $1`, projectId);
}

export type ProgramVersions = { program: number; exceptions: number; scans: string };

/**
 * What the derived figures of a project depend on in the database, read in one query: the program and exceptions
 * versions, and a digest of the ids of its scans (stored scans never change, so the set of ids stands for them:
 * an ingest, a deletion or a prune changes it). Equal versions mean equal inputs, in any server process.
 * Read once per request (React's cache).
 */
export const readProgramVersions = cache(async (projectId: string): Promise<ProgramVersions> => {
  const rows = await (await getDb()).$queryRawUnsafe<
    { program: number; exceptions: number; scans: string | null }[]
  >(
    `SELECT p."programVersion" AS program, p."exceptionsVersion" AS exceptions,
       (SELECT md5(string_agg(s.id, ',' ORDER BY s.id)) FROM "Scan" s WHERE s."projectId" = p.id) AS scans
     FROM "Project" p WHERE p.id = $1`,
    projectId,
  );
  const row = rows[0];
  return row
    ? { program: Number(row.program), exceptions: Number(row.exceptions), scans: row.scans ?? "" }
    : { program: -1, exceptions: -1, scans: "" };
});

/** The key of a value derived from a project's figures inputs (versions) and the request's own parameters. */
export function derivedKey(projectId: string, versions: ProgramVersions, parameters: unknown): string {
  return JSON.stringify([projectId, versions.program, versions.exceptions, versions.scans, parameters]);
}
