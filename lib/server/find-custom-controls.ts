import "server-only";
import { describePolicyText } from "@/lib/program/policy-text";
import { isCustomControl } from "@/lib/program/program-schema";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { requireProject } from "./require-project";

/**
 * The program's custom controls, for control pickers: `vap:<name>` for every ValidatingAdmissionPolicy of its
 * stored policy set and every one its scans evaluated, and every tool's own control (`<tool>:<policy>[/<rule>]`,
 * from imported policy reports) its scans hold. Reads the policy texts, the scans' policy names and the control ids
 * of the scans' summaries (built-in ids hold no ":"), not the results.
 */
export async function findCustomControls(actor: Actor, projectSlug: string): Promise<string[]> {
  const project = await requireProject(actor, projectSlug, "read");
  const db = await getDb();
  const [stored, scanned, summarised] = await Promise.all([
    db.programPolicy.findMany({ where: { projectId: project.id }, select: { text: true } }),
    db.$queryRaw<{ name: string }[]>`
      SELECT DISTINCT p->>'name' AS name
      FROM "Scan" s, jsonb_array_elements(s.policies) AS p
      WHERE s."projectId" = ${project.id}`,
    db.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT c AS id
      FROM "Scan" s,
        jsonb_object_keys(
          CASE WHEN jsonb_typeof(s.summary->'controls') = 'object' THEN s.summary->'controls' ELSE '{}'::jsonb END
        ) AS c
      WHERE s."projectId" = ${project.id} AND c LIKE '%:%'`,
  ]);
  const ids = new Set(scanned.map((r) => `vap:${r.name}`));
  for (const p of stored) for (const name of describePolicyText(p.text).policies) ids.add(`vap:${name}`);
  for (const { id } of summarised) if (isCustomControl(id)) ids.add(id);
  return [...ids].sort();
}
