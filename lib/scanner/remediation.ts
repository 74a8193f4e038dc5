/**
 * Remediation snippets for one workload: the coverage controls' fixes are whole objects (a NetworkPolicy, a
 * PodDisruptionBudget) that only work with the workload's own namespace, name and pod labels, so they are
 * written for it instead of with placeholders. The other controls' snippets are securityContext fragments
 * that hold for any workload: the catalog's text is returned as is.
 */
import { stringify } from "yaml";
import { CONTROLS_BY_ID } from "./controls/index.ts";

export interface RemediationTarget {
  kind: string;
  namespace: string;
  name: string;
  /** The pod template's labels (what selectors match). */
  podLabels: Record<string, string>;
  /** Desired replicas of a replicated workload (features.replicas), when known. */
  replicas?: number;
}

/** Labels a controller adds per revision: selecting on them would miss the next rollout's pods. */
const VOLATILE_LABELS = new Set([
  "pod-template-hash",
  "controller-revision-hash",
  "rollouts-pod-template-hash",
]);
const PREFERRED_LABELS = ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app", "k8s-app", "name"];

/** The labels to select the workload's pods with: the usual app labels when present, else all stable ones. */
export function selectorLabels(podLabels: Record<string, string>): Record<string, string> {
  const stable = Object.entries(podLabels).filter(([k]) => !VOLATILE_LABELS.has(k));
  const preferred = stable.filter(([k]) => PREFERRED_LABELS.includes(k));
  return Object.fromEntries(preferred.length ? preferred : stable);
}

function yaml(o: object): string {
  return stringify(o, { lineWidth: 0 });
}

function noLabelsNote(t: RemediationTarget, labels: Record<string, string>): string {
  return Object.keys(labels).length
    ? ""
    : `# ${t.name}'s pod template has no labels to select it by: add one (e.g. app: ${t.name}) and use it below.\n`;
}

function networkPolicy(t: RemediationTarget): string {
  const labels = selectorLabels(t.podLabels);
  const deny = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "default-deny-all", namespace: t.namespace },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  };
  const allow = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: t.name, namespace: t.namespace },
    spec: {
      podSelector: { matchLabels: labels },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ podSelector: {} }] }],
    },
  };
  return `${noLabelsNote(t, labels)}# Deny all traffic in ${t.namespace} by default (once per namespace):\n${yaml(deny)}---\n# Then allow what ${t.name} needs; narrow "from" to its clients and add its ports:\n${yaml(allow)}`;
}

function podDisruptionBudget(t: RemediationTarget): string {
  const labels = selectorLabels(t.podLabels);
  const pdb = {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: t.name, namespace: t.namespace },
    // maxUnavailable never blocks a node drain outright, whatever the replica count.
    spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
  };
  const single =
    t.replicas !== undefined && t.replicas < 2
      ? `# ${t.kind} ${t.name} runs ${t.replicas} replica: a PodDisruptionBudget cannot keep it available during a\n# drain (minAvailable: 1 would block every drain). Raise spec.replicas to 2 or more first, then add:\n`
      : "";
  return `${noLabelsNote(t, labels)}${single}${yaml(pdb)}`;
}

const WRITTEN_FOR_WORKLOAD: Record<string, (t: RemediationTarget) => string> = {
  "network-policy": networkPolicy,
  "pod-disruption-budget": podDisruptionBudget,
};

/** The remediation snippet of a control for one workload (undefined for an unknown control). */
export function remediationFor(controlId: string, target: RemediationTarget): string | undefined {
  const own = WRITTEN_FOR_WORKLOAD[controlId];
  return own ? own(target) : CONTROLS_BY_ID.get(controlId)?.remediation;
}
