/**
 * What a stored policy set entry holds, read from its YAML for display: the ValidatingAdmissionPolicies (each
 * becomes control `vap:<name>`) and the bindings with their validation actions. Pure; documents that are not
 * policy objects (parameters) are skipped, and text that does not parse describes nothing (it was validated
 * when saved).
 */
import { parseAllDocuments } from "yaml";

export type PolicyTextSummary = {
  policies: string[];
  bindings: { name: string; policyName: string; validationActions: string[] }[];
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

export function describePolicyText(text: string): PolicyTextSummary {
  const summary: PolicyTextSummary = { policies: [], bindings: [] };
  for (const doc of parseAllDocuments(text, { prettyErrors: false })) {
    if (doc.errors.length > 0) continue;
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (!isObj(value) || !str(value.apiVersion).startsWith("admissionregistration.k8s.io/")) continue;
    const name = isObj(value.metadata) ? str(value.metadata.name) : "";
    const spec = isObj(value.spec) ? value.spec : {};
    if (value.kind === "ValidatingAdmissionPolicy" && name) summary.policies.push(name);
    if (value.kind === "ValidatingAdmissionPolicyBinding")
      summary.bindings.push({
        name,
        policyName: str(spec.policyName),
        validationActions: Array.isArray(spec.validationActions) ? spec.validationActions.map(str) : [],
      });
  }
  return summary;
}
