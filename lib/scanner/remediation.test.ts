import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { controls } from "./controls/index.ts";
import { remediationFor, selectorLabels } from "./remediation.ts";
import { scanFiles } from "./scan.ts";

const target = {
  kind: "Deployment",
  namespace: "shop",
  name: "web",
  podLabels: { app: "web", tier: "frontend", "pod-template-hash": "abc" },
  replicas: 3,
};

function docs(text: string) {
  const parsed = parseAllDocuments(text);
  for (const d of parsed) expect(d.errors).toEqual([]);
  return parsed.map((d) => d.toJS());
}

describe("remediation written for the workload", () => {
  it("the PodDisruptionBudget uses the workload's namespace, name and pod labels", () => {
    const text = remediationFor("pod-disruption-budget", target) ?? "";
    expect(text).not.toMatch(/<namespace>|<app>/);
    expect(docs(text)).toEqual([
      {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: { name: "web", namespace: "shop" },
        spec: { maxUnavailable: 1, selector: { matchLabels: { app: "web" } } },
      },
    ]);
  });

  it("a single replica: raise replicas first, and never minAvailable: 1 (it would block every drain)", () => {
    const text = remediationFor("pod-disruption-budget", { ...target, replicas: 1 }) ?? "";
    expect(text).toMatch(/runs 1 replica/);
    expect(text).toMatch(/Raise spec\.replicas to 2 or more first/);
    expect(docs(text)[0].spec).not.toHaveProperty("minAvailable");
  });

  it("the NetworkPolicies use the namespace and select the workload's pods", () => {
    const [deny, allow] = docs(remediationFor("network-policy", target) ?? "");
    expect(deny.metadata).toEqual({ name: "default-deny-all", namespace: "shop" });
    expect(allow.metadata).toEqual({ name: "web", namespace: "shop" });
    expect(allow.spec.podSelector).toEqual({ matchLabels: { app: "web" } });
  });

  it("labels that need quoting stay valid YAML; a pod without labels is told to add one", () => {
    const odd =
      remediationFor("network-policy", { ...target, podLabels: { "example.com/role": "yes" } }) ?? "";
    expect(docs(odd)[1].spec.podSelector.matchLabels).toEqual({ "example.com/role": "yes" });
    expect(remediationFor("pod-disruption-budget", { ...target, podLabels: {} })).toMatch(/has no labels/);
  });

  it("picks the app labels when present, else every stable label", () => {
    expect(
      selectorLabels({ "app.kubernetes.io/name": "x", "app.kubernetes.io/instance": "i", team: "t" }),
    ).toEqual({
      "app.kubernetes.io/name": "x",
      "app.kubernetes.io/instance": "i",
    });
    expect(selectorLabels({ team: "t", "controller-revision-hash": "1" })).toEqual({ team: "t" });
  });

  it("other controls keep the catalog's snippet", () => {
    const rnr = controls.find((c) => c.id === "run-as-non-root");
    expect(remediationFor("run-as-non-root", target)).toBe(rnr?.remediation);
    expect(remediationFor("no-such-control", target)).toBeUndefined();
  });

  it("the scan records the replicas the advice depends on (replicated kinds only)", () => {
    const r = scanFiles([
      {
        path: "d.yaml",
        content:
          "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, image: i}]}}}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: {spec: {containers: [{name: c, image: i}]}}}\n",
      },
    ]);
    expect(r.workloads.map((w) => [w.kind, w.features.replicas])).toEqual([
      ["Deployment", 1],
      ["Job", undefined],
    ]);
  });
});
