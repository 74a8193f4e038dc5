import type { ControlDefinition } from "../types.ts";
import { seccompProfile } from "./seccomp-profile.ts";

export const pssSeccompRestricted: ControlDefinition = {
  id: "pss-seccomp-restricted",
  title: "PSS restricted: seccomp profile is set",
  rationale:
    "Restricted requires seccompProfile.type RuntimeDefault or Localhost at pod level or on every container (Windows pods exempt); Unconfined is forbidden.",
  severity: "medium",
  category: "pss-restricted",
  mapping: {
    pss: { level: "restricted", control: "Seccomp" },
    trivy: ["KSV030"],
    checkov: ["CKV_K8S_31"],
  },
  remediation: seccompProfile.remediation,
  evaluate: (ctx) => seccompProfile.evaluate(ctx),
};
