import "server-only";
import { describePolicyText } from "@/lib/program/policy-text";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/**
 * The program's custom controls, for control pickers: `vap:<name>` for every ValidatingAdmissionPolicy of its
 * stored policy set and every one its scans evaluated. Reads the policy texts and the scans' policy names only.
 */
export async function findCustomControls(actor: Actor, projectSlug: string): Promise<string[]> {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const [stored, scanned] = await Promise.all([
    db.programPolicy.findMany({ where: { projectId: project.id }, select: { text: true } }),
    db.$queryRaw<{ name: string }[]>`
      SELECT DISTINCT p->>'name' AS name
      FROM "Scan" s, jsonb_array_elements(s.policies) AS p
      WHERE s."projectId" = ${project.id}`,
  ]);
  const names = new Set(scanned.map((r) => r.name));
  for (const p of stored) for (const name of describePolicyText(p.text).policies) names.add(name);
  return [...names].sort().map((name) => `vap:${name}`);
}
