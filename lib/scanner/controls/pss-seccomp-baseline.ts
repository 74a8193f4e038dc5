import { podAndContainers, seccompType } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const pssSeccompBaseline: ControlDefinition = {
  id: "pss-seccomp-baseline",
  title: "PSS baseline: seccomp is not Unconfined",
  rationale:
    "Explicitly setting the seccomp profile to Unconfined removes syscall filtering even where the cluster would apply the runtime default.",
  severity: "medium",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "Seccomp" },
    trivy: ["KSV104"],
  },
  remediation: `securityContext:
  # Pod-level
  seccompProfile:
    type: RuntimeDefault
`,
  evaluate(ctx) {
    const pod =
      seccompType(ctx.podSc.seccompProfile) === "Unconfined" ? ["pod seccompProfile.type Unconfined"] : [];
    return podAndContainers(ctx, pod, (c) =>
      seccompType(c.sc.seccompProfile) === "Unconfined" ? "seccompProfile.type Unconfined" : null,
    );
  },
};
