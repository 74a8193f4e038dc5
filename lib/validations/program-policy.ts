import { parseAllDocuments } from "yaml";
import { z } from "zod";
import { safeText } from "./safe-text";

const POLICY_KINDS = new Set(["ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"]);

/** A policy set entry's name: it appears in URLs and in `vap:<name>` control ids' provenance. */
export const policyNameSchema = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/,
    "lower-case letters, digits, dots and dashes (a Kubernetes name)",
  );

/**
 * The YAML of one entry: ValidatingAdmissionPolicies with their bindings and parameter objects. At least one
 * ValidatingAdmissionPolicy; every document an object with apiVersion and kind, so a typo is refused when saved,
 * not discovered at the next upload.
 */
export const policyTextSchema = z
  .string()
  .min(1, "empty")
  .max(512 * 1024, "larger than 512 KiB")
  .superRefine((text, ctx) => {
    let docs: ReturnType<typeof parseAllDocuments>;
    try {
      docs = parseAllDocuments(text, { prettyErrors: false });
    } catch (err) {
      ctx.addIssue({ code: "custom", message: `not YAML: ${(err as Error).message}` });
      return;
    }
    let policies = 0;
    for (const [i, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
      const error = doc.errors[0];
      if (error) {
        const line = text.slice(0, error.pos[0]).split("\n").length;
        ctx.addIssue({
          code: "custom",
          message: `document ${i + 1}, line ${line}: ${error.message.split("\n")[0]}`,
        });
        return;
      }
      const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (value === null || value === undefined) continue;
      const o = value as { apiVersion?: unknown; kind?: unknown };
      if (
        typeof o !== "object" ||
        Array.isArray(o) ||
        typeof o.apiVersion !== "string" ||
        typeof o.kind !== "string"
      ) {
        ctx.addIssue({
          code: "custom",
          message: `document ${i + 1}: expected a Kubernetes object with apiVersion and kind`,
        });
        return;
      }
      if (o.kind === "ValidatingAdmissionPolicy") policies++;
      else if (!POLICY_KINDS.has(o.kind) && o.apiVersion.startsWith("admissionregistration.k8s.io/")) {
        ctx.addIssue({
          code: "custom",
          message: `document ${i + 1}: ${o.kind} is not a validating admission policy object`,
        });
        return;
      }
    }
    if (policies === 0) ctx.addIssue({ code: "custom", message: "holds no ValidatingAdmissionPolicy" });
  });

export const saveProgramPolicySchema = z.strictObject({
  source: safeText().pipe(z.string().min(1).max(200)).optional(),
  text: policyTextSchema,
});
export type SaveProgramPolicyInput = z.infer<typeof saveProgramPolicySchema>;
