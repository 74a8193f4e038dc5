import "server-only";
import type { PolicySource } from "@/lib/scanner";
import { getDb } from "./db";

/** Where a stored policy set entry's results say they come from: `policy-set:<entry name>`. */
export const POLICY_SET_SOURCE = "policy-set:";

/**
 * A program's stored policy set as scan() takes it (the caller has checked access): each entry's YAML, with its
 * ValidatingAdmissionPolicies, bindings and parameter objects, in name order so a scan is reproducible.
 */
export async function loadProgramPolicySources(projectId: string): Promise<PolicySource[]> {
  const db = await getDb();
  const rows = await db.programPolicy.findMany({
    where: { projectId },
    orderBy: { name: "asc" },
    select: { name: true, text: true },
  });
  return rows.map((r) => ({ source: POLICY_SET_SOURCE + r.name, content: r.text }));
}
