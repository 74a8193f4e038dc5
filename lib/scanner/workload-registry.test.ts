/**
 * Pod templates inside custom resources. fixtures/custom-resources/<name>.{pass,fail}.yaml are written from
 * each project's own documentation: the pass file is the documented example hardened, the fail file the
 * example as documented. Each must give exactly one workload of its real kind.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseProjectConfig } from "./config.ts";
import { scanFiles } from "./scan.ts";
import { scanResultSchema } from "./schema.ts";
import { CUSTOM_HANDLERS, templatesAtPath } from "./workload-registry.ts";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "custom-resources");
const NOW = new Date("2026-03-15T10:00:00Z");

function scan(files: Record<string, string>, config?: string) {
  const r = scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { now: NOW, config: config ? parseProjectConfig(config) : undefined },
  );
  scanResultSchema.parse(r);
  return r;
}

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

describe("built-in pod-template locations", () => {
  it("every built-in custom kind has a pass and a fail fixture", () => {
    const covered = new Set(
      fixtures.map((f) => {
        const doc = parse(readFileSync(join(DIR, f), "utf8"));
        return `${doc.apiVersion.split("/")[0]}/${doc.kind}`;
      }),
    );
    const missing = CUSTOM_HANDLERS.filter((h) => !covered.has(`${h.group}/${h.kind}`));
    expect(missing.map((h) => `${h.group}/${h.kind}`)).toEqual([]);
    for (const f of fixtures.filter((x) => x.endsWith(".pass.yaml")))
      expect(fixtures).toContain(f.replace(".pass.", ".fail."));
  });

  for (const file of fixtures) {
    it(file, () => {
      const content = readFileSync(join(DIR, file), "utf8");
      const doc = parse(content);
      const r = scan({ [file]: content });
      expect(r.errors).toEqual([]);
      expect(r.workloads).toHaveLength(1);
      const w = r.workloads[0];
      expect(w.kind).toBe(doc.kind);
      expect(w.apiVersion).toBe(doc.apiVersion);
      // Counted under its own kind; a kind named like a core one (Knative Service, Kruise StatefulSet) as kind.group.
      const group = doc.apiVersion.split("/")[0];
      const sharesCoreName = ["Service", "StatefulSet", "DaemonSet"].includes(doc.kind);
      expect(r.objects).toEqual({ [sharesCoreName ? `${doc.kind}.${group}` : doc.kind]: 1 });
      const hardening = [
        "run-as-non-root",
        "capabilities-drop-all",
        "seccomp-profile",
        "no-privilege-escalation",
      ];
      if (file.includes(".pass.")) {
        expect(w.pssLevel).toBe("restricted");
        for (const id of [...hardening, "resource-limits"]) expect(w.controls[id].status, id).toBe("pass");
      } else {
        expect(w.pssLevel).not.toBe("restricted");
        for (const id of hardening) expect(w.controls[id].status, id).toBe("fail");
      }
    });
  }
});

/** Long-running replicas: the kinds the pod-disruption-budget control applies to. */
const REPLICATED = new Set(["Rollout", "CloneSet", "StatefulSet"]);

describe("NetworkPolicy and PodDisruptionBudget selection of every built-in kind", () => {
  const selecting = (labels: Record<string, string>, namespace: string) => {
    const match = JSON.stringify(labels);
    return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np, namespace: ${namespace}}
spec:
  podSelector: {matchLabels: ${match}}
  policyTypes: [Ingress]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb, namespace: ${namespace}}
spec:
  maxUnavailable: 1
  selector: {matchLabels: ${match}}
`;
  };

  for (const file of fixtures.filter((f) => f.endsWith(".pass.yaml"))) {
    it(file, () => {
      const content = readFileSync(join(DIR, file), "utf8");
      const w = scan({ [file]: content }).workloads[0];
      expect(Object.keys(w.podLabels).length, "the pass fixture labels its pods").toBeGreaterThan(0);
      const covered = scan({ [file]: content, "policies.yaml": selecting(w.podLabels, w.namespace) })
        .workloads[0];
      expect(covered.controls["network-policy"].status).toBe("pass");
      expect(covered.controls["pod-disruption-budget"].status).toBe(REPLICATED.has(w.kind) ? "pass" : "n/a");
      // The same selector with another value selects none of its pods.
      const other = Object.fromEntries(Object.keys(w.podLabels).map((k) => [k, "other"]));
      const missed = scan({ [file]: content, "policies.yaml": selecting(other, w.namespace) }).workloads[0];
      expect(missed.controls["network-policy"].status).toBe("fail");
      expect(missed.controls["pod-disruption-budget"].status).toBe(REPLICATED.has(w.kind) ? "fail" : "n/a");
    });
  }

  it("a generateName-only Workflow gets no workflow-name label: its pods are named by the API server", () => {
    const wf = readFileSync(join(DIR, "argo-workflow.fail.yaml"), "utf8");
    expect(wf).toMatch(/generateName: hello-world-/);
    const w = scan({ "wf.yaml": wf }).workloads[0];
    expect(w.podLabels).toEqual({});
    const named = scan({ "wf.yaml": wf.replace("generateName: hello-world-", "name: hello") }).workloads[0];
    expect(named.podLabels).toEqual({ "workflows.argoproj.io/workflow": "hello" });
  });
});

const KNATIVE = readFileSync(join(DIR, "knative-service.fail.yaml"), "utf8");
const ROLLOUT = readFileSync(join(DIR, "rollout.pass.yaml"), "utf8");

describe("custom-resource workloads in the rest of the scan", () => {
  it("a Knative Service is counted under its own kind, not as a core Service", () => {
    const core = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n";
    const r = scan({ "ksvc.yaml": KNATIVE, "svc.yaml": core });
    expect(r.objects).toEqual({ Service: 1, "Service.serving.knative.dev": 1 });
    expect(r.workloads.map((w) => `${w.apiVersion} ${w.kind}`)).toEqual(["serving.knative.dev/v1 Service"]);
  });

  it("NetworkPolicies and PDBs select them like any workload (controller labels included)", () => {
    const np = (name: string, labels: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}}\nspec:\n  podSelector: {matchLabels: ${labels}}\n  policyTypes: [Ingress]\n`;
    const pdb =
      "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: demo}\nspec:\n  maxUnavailable: 1\n  selector: {matchLabels: {app: rollouts-demo}}\n";
    const r = scan({
      "rollout.yaml": ROLLOUT,
      "ksvc.yaml": KNATIVE,
      "np.yaml": `${np("demo", "{app: rollouts-demo}")}---\n${np("hello", "{serving.knative.dev/service: hello}")}`,
      "pdb.yaml": pdb,
    });
    const byKind = new Map(r.workloads.map((w) => [w.kind, w]));
    expect(byKind.get("Rollout")?.controls["network-policy"].status).toBe("pass");
    expect(byKind.get("Rollout")?.controls["pod-disruption-budget"].status).toBe("pass");
    expect(byKind.get("Service")?.controls["network-policy"].status).toBe("pass");
    expect(byKind.get("Service")?.podLabels).toEqual({ "serving.knative.dev/service": "hello" });
    // Knative scales its own revisions: no PDB expected.
    expect(byKind.get("Service")?.controls["pod-disruption-budget"].status).toBe("n/a");
  });

  it("several templates merge into one component that fails where any of them fails", () => {
    const hardened = readFileSync(join(DIR, "pytorchjob.pass.yaml"), "utf8");
    const workerUnhardened = hardened.replace(/(Worker:[\s\S]*?)runAsNonRoot: true/, "$1runAsNonRoot: false");
    expect(workerUnhardened).not.toBe(hardened);
    const r = scan({ "job.yaml": workerUnhardened });
    const w = r.workloads[0];
    expect(w.containers.map((c) => c.name)).toEqual(["Master/pytorch", "Worker/pytorch"]);
    expect(w.controls["run-as-non-root"].status).toBe("fail");
    expect(w.controls["run-as-non-root"].containers).toEqual([
      { name: "Master/pytorch", status: "pass", message: "" },
      expect.objectContaining({ name: "Worker/pytorch", status: "fail" }),
    ]);
    expect(w.podLabels).toEqual({ "training.kubeflow.org/job-name": "pytorch-simple" });
  });

  it("an Argo Workflow's sidecars and init containers are scanned; steps templates run no pod", () => {
    const wf = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ci}
spec:
  entrypoint: main
  securityContext: {runAsNonRoot: true, runAsUser: 1000}
  templates:
  - name: main
    steps: [[{name: build, template: build}]]
  - name: build
    initContainers: [{name: fetch, image: alpine/git}]
    container: {image: golang:1.22}
    sidecars: [{name: dind, image: docker:dind, securityContext: {privileged: true}}]
`;
    const w = scan({ "wf.yaml": wf }).workloads[0];
    expect(w.containers).toEqual([
      { name: "fetch", type: "init", image: "alpine/git" },
      { name: "main", type: "container", image: "golang:1.22" },
      { name: "dind", type: "container", image: "docker:dind" },
    ]);
    expect(w.pssLevel).toBe("privileged");
    expect(w.controls["run-as-non-root"].status).toBe("pass");
  });

  it("a Rollout that points at a Deployment (workloadRef) is a note, not an error", () => {
    const r = scan({
      "r.yaml":
        "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n",
    });
    expect(r.errors).toEqual([]);
    expect(r.notes.map((n) => n.message)).toEqual([expect.stringMatching(/workloadRef Deployment web/)]);
  });

  it("a custom resource with the same kind as a core one in another group is not taken for it", () => {
    const r = scan({
      "x.yaml":
        "apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {containers: [{name: c, image: i}]}}}\n",
      "np.yaml":
        "apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: {name: calico}\nspec: {selector: all()}\n",
    });
    expect(r.workloads).toEqual([]);
    expect(r.namespaces).toEqual([]);
    expect(r.objects).toEqual({ "Deployment.example.com": 1, "NetworkPolicy.crd.projectcalico.org": 1 });
  });

  it("rampart.yaml podTemplates add any other kind (apiVersion/kind → paths)", () => {
    const config = `apiVersion: rampart.io/v1
kind: ProjectConfig
podTemplates:
  - apiVersion: example.com/v1
    kind: Trainer
    paths: ["spec.launcher.template", "spec.workers.*.podSpec"]
    replicated: true
`;
    const cr = `apiVersion: example.com/v1beta2
kind: Trainer
metadata: {name: t, namespace: ml}
spec:
  launcher:
    template:
      metadata: {labels: {app: t}}
      spec: {containers: [{name: launch, image: l}]}
  workers:
    gpu: {podSpec: {containers: [{name: w, image: w, securityContext: {privileged: true}}]}}
`;
    const r = scan({ "t.yaml": cr }, config);
    expect(r.errors).toEqual([]);
    const w = r.workloads[0];
    expect(w).toMatchObject({ kind: "Trainer", namespace: "ml", name: "t" });
    expect(w.containers.map((c) => c.name)).toEqual(["launcher/launch", "gpu/w"]);
    expect(w.pssLevel).toBe("privileged");
    expect(w.controls["pod-disruption-budget"].status).toBe("fail");
    expect(() =>
      parseProjectConfig(
        "apiVersion: rampart.io/v1\nkind: ProjectConfig\npodTemplates: [{apiVersion: a/v1, kind: K, paths: []}]\n",
        "rampart.yaml",
      ),
    ).toThrow(/rampart.yaml.*podTemplates/);
  });

  it("templatesAtPath: `.`, nested paths and * over maps and lists", () => {
    const o = {
      metadata: { name: "p", labels: { a: "1" } },
      spec: { containers: [{ name: "c" }], list: [{ template: { spec: { containers: [] } } }] },
    };
    expect(templatesAtPath(o, ".").map((t) => t.path)).toEqual(["spec"]);
    expect(templatesAtPath(o, "spec")[0]).toMatchObject({ path: "spec", metadata: o.metadata });
    expect(templatesAtPath(o, "spec.list.*.template")).toMatchObject([
      { label: "0", path: "spec.list.0.template.spec" },
    ]);
    expect(templatesAtPath(o, "spec.missing.template")).toEqual([]);
  });
});
