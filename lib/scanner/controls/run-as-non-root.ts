import { effectiveRunAsNonRoot, podAndContainers } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const runAsNonRoot: ControlDefinition = {
  id: "run-as-non-root",
  title: "Containers run as a non-root user",
  rationale:
    "A process running as UID 0 inside a container is root on the node's kernel: a container escape or a writable host mount then gives full control of the node. runAsNonRoot makes the kubelet refuse to start a container whose image would run as root.",
  severity: "high",
  category: "hardening",
  mapping: {
    pss: { level: "restricted", control: "Running as Non-root; Running as Non-root user" },
    polaris: ["runAsRootAllowed"],
    kubescape: ["C-0013"],
    trivy: ["KSV012", "KSV105"],
    checkov: ["CKV_K8S_23"],
    cis: "5.2.7",
  },
  remediation: `securityContext:
  # Pod-level
  runAsNonRoot: true
  runAsUser: 1000
  runAsGroup: 3000
  fsGroup: 2000
containers:
- securityContext:
    # Container-level: do not override with runAsNonRoot: false or runAsUser: 0
    runAsNonRoot: true
`,
  evaluate(ctx) {
    const pod: string[] = [];
    if (ctx.podSc.runAsNonRoot === false) pod.push("pod securityContext.runAsNonRoot is false");
    if (ctx.podSc.runAsUser === 0) pod.push("pod securityContext.runAsUser is 0 (root)");
    return podAndContainers(
      ctx,
      pod,
      (c) => {
        const problems: string[] = [];
        if (c.sc.runAsNonRoot === false) problems.push("runAsNonRoot is false");
        else if (effectiveRunAsNonRoot(ctx, c) !== true)
          problems.push("runAsNonRoot is not set to true (pod or container)");
        if (c.sc.runAsUser === 0) problems.push("runAsUser is 0 (root)");
        return problems.join(", ") || null;
      },
      "runs as non-root",
    );
  },
};
