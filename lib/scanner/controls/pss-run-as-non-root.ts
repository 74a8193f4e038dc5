import { effectiveRunAsNonRoot, pass, podAndContainers } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const pssRunAsNonRoot: ControlDefinition = {
  id: "pss-run-as-non-root",
  title: "PSS restricted: runAsNonRoot is true",
  rationale:
    "Restricted requires runAsNonRoot: true at pod level or on every container, and no container may set it to false. Since policy v1.35 a pod in a user namespace (hostUsers: false) is exempt: its root is an unprivileged user on the node.",
  severity: "high",
  category: "pss-restricted",
  mapping: {
    pss: { level: "restricted", control: "Running as Non-root" },
    trivy: ["KSV012"],
    checkov: ["CKV_K8S_23"],
  },
  remediation: `securityContext:
  # Pod-level
  runAsNonRoot: true
`,
  evaluate(ctx) {
    if (ctx.spec.hostUsers === false)
      return pass("exempt: the pod runs in a user namespace (hostUsers: false)");
    const pod = ctx.podSc.runAsNonRoot === false ? ["pod securityContext.runAsNonRoot is false"] : [];
    return podAndContainers(ctx, pod, (c) => {
      if (c.sc.runAsNonRoot === false) return "runAsNonRoot is false";
      return effectiveRunAsNonRoot(ctx, c) === true
        ? null
        : "runAsNonRoot is not set to true (pod or container)";
    });
  },
};
