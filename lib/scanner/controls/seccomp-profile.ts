import { effectiveSeccomp, notApplicable, podAndContainers, seccompType } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

const VALID = new Set(["RuntimeDefault", "Localhost"]);

export const seccompProfile: ControlDefinition = {
  id: "seccomp-profile",
  title: "Seccomp profile is RuntimeDefault or Localhost",
  rationale:
    "Without a seccomp profile a container can call every syscall of the host kernel, including rarely used ones with a history of privilege-escalation bugs. RuntimeDefault blocks them at no cost for almost every workload.",
  severity: "medium",
  category: "hardening",
  mapping: {
    pss: { level: "restricted", control: "Seccomp" },
    trivy: ["KSV030", "KSV104"],
    checkov: ["CKV_K8S_31"],
    cis: "5.7.2",
  },
  remediation: `securityContext:
  # Pod-level
  seccompProfile:
    type: RuntimeDefault
`,
  evaluate(ctx) {
    if (ctx.isWindows) return notApplicable("Windows pod: seccomp does not apply");
    const pod: string[] = [];
    const podType = seccompType(ctx.podSc.seccompProfile);
    if (ctx.podSc.seccompProfile !== undefined && !VALID.has(podType ?? ""))
      pod.push(`pod seccompProfile.type is ${podType ?? "unset"}`);
    return podAndContainers(
      ctx,
      pod,
      (c) => {
        const t = effectiveSeccomp(ctx, c);
        if (t === undefined) return "no seccompProfile (pod or container)";
        return VALID.has(t) ? null : `seccompProfile.type is ${t}`;
      },
      podType ? `seccompProfile ${podType}` : "",
    );
  },
};
