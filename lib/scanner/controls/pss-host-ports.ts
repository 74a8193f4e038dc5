import { perContainer } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";
import { arr, isObj } from "../util.ts";

export const pssHostPorts: ControlDefinition = {
  id: "pss-host-ports",
  title: "PSS baseline: no host ports",
  rationale:
    "hostPort binds a port on the node's own network interface, bypassing Services and NetworkPolicies, and limits scheduling to one such pod per node.",
  severity: "medium",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "Host Ports" },
    polaris: ["hostPortSet"],
    kubescape: ["C-0044"],
    trivy: ["KSV024"],
    checkov: ["CKV_K8S_26"],
    cis: "5.2.13",
  },
  remediation: `containers:
- ports:
  - containerPort: 8080   # expose through a Service, not hostPort
`,
  evaluate(ctx) {
    return perContainer(ctx, (c) => {
      const bad = arr(c.spec.ports)
        .filter(isObj)
        .map((p) => p.hostPort)
        .filter((h) => h !== undefined && h !== null && h !== 0);
      return bad.length ? `hostPort ${bad.join(", ")}` : null;
    });
  },
};
