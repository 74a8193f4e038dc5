import { createHash } from "node:crypto";
import "server-only";
import type { SaveProgramPolicyInput } from "@/lib/validations/program-policy";
import type { Actor } from "./actor";
import { getDb } from "./db";
import { bumpProgramVersion } from "./program-versions";
import { requireProject } from "./require-project";
import { writeAudit } from "./write-audit";

/**
 * Creates or replaces one entry of the program's policy set (editors), audited with the text's hash before and
 * after. Saving the same text again changes nothing and writes no audit entry.
 */
export async function saveProgramPolicy(
  actor: Actor,
  projectSlug: string,
  name: string,
  input: SaveProgramPolicyInput,
) {
  const project = await requireProject(actor, projectSlug, "edit");
  const hash = `sha256:${createHash("sha256").update(input.text).digest("hex")}`;
  const source = input.source ?? "editor";
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const key = { projectId_name: { projectId: project.id, name } };
    const before = await tx.programPolicy.findUnique({ where: key });
    if (before && before.hash === hash && before.source === source) return { policy: before, created: false };
    const policy = await tx.programPolicy.upsert({
      where: key,
      create: { projectId: project.id, name, source, text: input.text, hash },
      update: { source, text: input.text, hash },
    });
    await bumpProgramVersion(tx, project.id, "program");
    await writeAudit(tx, actor, {
      projectId: project.id,
      action: before ? "policy.update" : "policy.create",
      target: `policy ${name}`,
      before: before ? { source: before.source, hash: before.hash } : undefined,
      after: { source, hash },
    });
    return { policy, created: !before };
  });
}
