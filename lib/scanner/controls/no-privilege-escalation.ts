import { notApplicable, perContainer } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const noPrivilegeEscalation: ControlDefinition = {
  id: "no-privilege-escalation",
  title: "Privilege escalation is disabled",
  rationale:
    "allowPrivilegeEscalation defaults to true: setuid binaries and file capabilities in the image can then raise a process's privileges. Setting it to false sets no_new_privs on the container process.",
  severity: "high",
  category: "hardening",
  mapping: {
    pss: { level: "restricted", control: "Privilege Escalation" },
    polaris: ["privilegeEscalationAllowed"],
    kubescape: ["C-0016"],
    trivy: ["KSV001"],
    checkov: ["CKV_K8S_20"],
    cis: "5.2.6",
  },
  remediation: `containers:
- securityContext:
    # Container-level
    allowPrivilegeEscalation: false
initContainers:
- securityContext:
    allowPrivilegeEscalation: false
`,
  evaluate(ctx) {
    if (ctx.isWindows) return notApplicable("Windows pod: allowPrivilegeEscalation does not apply");
    return perContainer(
      ctx,
      (c) =>
        c.sc.allowPrivilegeEscalation === false
          ? null
          : c.sc.allowPrivilegeEscalation === true
            ? "allowPrivilegeEscalation is true"
            : "allowPrivilegeEscalation is not set to false",
      "privilege escalation disabled",
    );
  },
};
