import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ToolControl } from "@/lib/importers";
import { isCustomControl, isPolicyControl } from "@/lib/program/program-schema";

/** The catalog row of a custom control: a ValidatingAdmissionPolicy's, or a tool's own (described when known). */
function catalogRow(id: string, info: ToolControl | undefined): Prisma.ControlCreateManyInput {
  if (isPolicyControl(id))
    return {
      id,
      title: `Policy ${id.slice("vap:".length)}`,
      rationale:
        "A ValidatingAdmissionPolicy of the program: the team's own rule, evaluated on its manifests.",
      severity: "medium",
      category: "policy",
      mapping: {},
      remediation: "Change the object so that the policy's validations hold, or document an exception.",
      position: 10_000,
    };
  const tool = info?.tool ?? id.slice(0, id.indexOf(":"));
  return {
    id,
    title: info?.title ?? `${tool} ${id.slice(id.indexOf(":") + 1)}`,
    rationale: `A rule of ${tool} that Rampart's mapping does not know, reported by the cluster (a policy report): the tool's own control.`,
    severity: info?.severity ?? "medium",
    category: info?.category ?? "policy",
    mapping: {},
    remediation: `Change the object so that ${tool}'s rule passes, or document an exception.`,
    position: 10_000,
  };
}

/**
 * Adds the custom controls among `ids` (`vap:<name>`, `<tool>:<policy>[/<rule>]`) to the control catalog (results
 * and exceptions refer to it), once: a custom control joins the catalog the first time a scan evaluates it or an
 * exception names it, with what `described` says of it (a tool's severity and category) or defaults (medium,
 * "policy"). A row once written is kept as it is: the first sight decides.
 */
export async function ensureCustomControls(
  tx: Prisma.TransactionClient,
  ids: Iterable<string>,
  described: readonly ToolControl[] = [],
): Promise<void> {
  const custom = [...new Set(ids)].filter(isCustomControl).sort();
  if (custom.length === 0) return;
  const info = new Map(described.map((d) => [d.id, d]));
  await tx.control.createMany({
    data: custom.map((id) => catalogRow(id, info.get(id))),
    skipDuplicates: true,
  });
}
