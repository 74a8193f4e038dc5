import { fail, notApplicable, pass } from "../pod.ts";
import { matchesSelector } from "../selector.ts";
import type { ControlDefinition } from "../types.ts";

export const podDisruptionBudget: ControlDefinition = {
  id: "pod-disruption-budget",
  title: "Deployments and StatefulSets have a PodDisruptionBudget",
  rationale:
    "Node drains during upgrades and autoscaling evict pods without regard for availability unless a PodDisruptionBudget limits how many replicas may be down at once. Applies to long-running replicated workloads (Deployments, StatefulSets, Argo Rollouts, OpenKruise CloneSets and Advanced StatefulSets); n/a for other kinds.",
  severity: "low",
  category: "coverage",
  mapping: {
    polaris: ["missingPodDisruptionBudget"],
    kubeScore: ["deployment-has-poddisruptionbudget", "statefulset-has-poddisruptionbudget"],
  },
  remediation: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api-pdb
  namespace: <namespace>
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: <app>            # the pod template labels
`,
  evaluate(ctx) {
    if (!ctx.replicated) return notApplicable(`not required for ${ctx.kind}`);
    if (!ctx.coverage) return notApplicable("coverage not computed");
    const selecting = ctx.coverage.pdbs.filter(
      (p) => p.selector && matchesSelector(p.selector, ctx.podLabels),
    );
    if (selecting.length === 0)
      return fail(`no PodDisruptionBudget in namespace ${ctx.namespace} selects this pod`);
    return pass(`selected by ${selecting.map((p) => p.name).join(", ")}`);
  },
};
