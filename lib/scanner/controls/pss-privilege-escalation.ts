import type { ControlDefinition } from "../types.ts";
import { noPrivilegeEscalation } from "./no-privilege-escalation.ts";

export const pssPrivilegeEscalation: ControlDefinition = {
  id: "pss-privilege-escalation",
  title: "PSS restricted: allowPrivilegeEscalation is false",
  rationale:
    "Restricted requires allowPrivilegeEscalation: false on every container (Windows pods exempt), so setuid binaries cannot raise privileges.",
  severity: "high",
  category: "pss-restricted",
  mapping: {
    pss: { level: "restricted", control: "Privilege Escalation" },
    polaris: ["privilegeEscalationAllowed"],
    trivy: ["KSV001"],
    checkov: ["CKV_K8S_20"],
    cis: "5.2.6",
  },
  remediation: noPrivilegeEscalation.remediation,
  evaluate: (ctx) => noPrivilegeEscalation.evaluate(ctx),
};
