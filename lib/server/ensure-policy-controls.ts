import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isPolicyControl } from "@/lib/program/program-schema";

/**
 * Adds the `vap:<name>` controls among `ids` to the control catalog (results and exceptions refer to it), once:
 * a policy's control joins the catalog the first time a scan evaluates it or an exception names it.
 */
export async function ensurePolicyControls(
  tx: Prisma.TransactionClient,
  ids: Iterable<string>,
): Promise<void> {
  const policyControls = [...new Set(ids)].filter(isPolicyControl);
  if (policyControls.length === 0) return;
  await tx.control.createMany({
    data: policyControls.map((id) => ({
      id,
      title: `Policy ${id.slice("vap:".length)}`,
      rationale:
        "A ValidatingAdmissionPolicy of the program: the team's own rule, evaluated on its manifests.",
      severity: "medium",
      category: "policy",
      mapping: {},
      remediation: "Change the object so that the policy's validations hold, or document an exception.",
      position: 10_000,
    })),
    skipDuplicates: true,
  });
}
