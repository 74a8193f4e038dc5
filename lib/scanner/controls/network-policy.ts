import { fail, notApplicable, pass } from "../pod.ts";
import { matchesSelector } from "../selector.ts";
import type { ControlDefinition } from "../types.ts";

export const networkPolicy: ControlDefinition = {
  id: "network-policy",
  title: "Pods are selected by a NetworkPolicy",
  rationale:
    "Kubernetes allows all pod-to-pod traffic by default. A pod that no NetworkPolicy selects can be reached from, and can reach, every pod in the cluster, so one compromised workload can move laterally. Start with a default-deny policy per namespace and allow what each tier needs.",
  severity: "medium",
  category: "coverage",
  mapping: {
    polaris: ["missingNetworkPolicy"],
    kubeScore: ["pod-networkpolicy"],
    kubescape: ["C-0260"],
    cis: "5.3.2",
  },
  remediation: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
  namespace: <namespace>
spec:
  podSelector: {}        # selects every pod in the namespace
  policyTypes: ["Ingress", "Egress"]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-network-policy
  namespace: <namespace>
spec:
  podSelector:
    matchLabels:
      app: <app>
  policyTypes: ["Ingress"]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: <client>
`,
  evaluate(ctx) {
    if (!ctx.coverage) return notApplicable("coverage not computed");
    const selecting = ctx.coverage.networkPolicies.filter((np) =>
      matchesSelector(np.podSelector, ctx.podLabels),
    );
    if (selecting.length === 0)
      return fail(`no NetworkPolicy in namespace ${ctx.namespace} selects this pod`);
    const types = new Set<string>();
    for (const np of selecting) {
      if (np.ingress) types.add("Ingress");
      if (np.egress) types.add("Egress");
    }
    return pass(
      `selected by ${selecting.map((n) => n.name).join(", ")} (${[...types].join("+") || "no policy types"})`,
    );
  },
};
