import { perContainer } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const pssPrivileged: ControlDefinition = {
  id: "pss-privileged",
  title: "PSS baseline: no privileged containers",
  rationale:
    "A privileged container has every capability and access to all host devices: it is root on the node in all but name. It disables most other isolation controls.",
  severity: "critical",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "Privileged Containers" },
    polaris: ["runAsPrivileged"],
    kubeScore: ["container-security-context-privileged"],
    kubescape: ["C-0057"],
    trivy: ["KSV017"],
    checkov: ["CKV_K8S_16"],
    cis: "5.2.2",
  },
  remediation: `containers:
- securityContext:
    # Container-level: omit or set to false
    privileged: false
`,
  evaluate(ctx) {
    return perContainer(ctx, (c) => (c.sc.privileged === true ? "privileged: true" : null));
  },
};
