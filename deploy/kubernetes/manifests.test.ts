import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { scanFiles } from "@/lib/scanner";

// The manifests pass Rampart's own program: rendered by `kubectl kustomize`, then scanned by Rampart's scanner.
const KUBECTL = process.env.KUBECTL ?? "/usr/bin/kubectl";
const hasKubectl = existsSync(KUBECTL);
if (!hasKubectl) console.log(`deploy/kubernetes: ${KUBECTL} not found, manifests test skipped`);

function render(dir: string): string {
  const path = fileURLToPath(new URL(dir, import.meta.url));
  return execFileSync(KUBECTL, ["kustomize", path], { encoding: "utf8" });
}

type Doc = { kind: string; metadata: { name: string }; spec?: Record<string, unknown> } & Record<
  string,
  unknown
>;

describe.skipIf(!hasKubectl).each(["base", "overlays/production"])("deploy/kubernetes/%s", (dir) => {
  const yaml = render(dir);
  const docs = parseAllDocuments(yaml).map((d) => d.toJS()) as Doc[];
  const result = scanFiles([{ path: `${dir}.yaml`, content: yaml }]);
  const byKind = (kind: string) => docs.filter((d) => d.kind === kind);

  it("renders every object the deployment needs", () => {
    expect(result.errors).toEqual([]);
    for (const kind of [
      "Namespace",
      "ServiceAccount",
      "Deployment",
      "Service",
      "NetworkPolicy",
      "PodDisruptionBudget",
      "Job",
    ])
      expect(byKind(kind).length, kind).toBeGreaterThan(0);
    expect(byKind("ServiceAccount")[0].automountServiceAccountToken).toBe(false);
  });

  it("has every workload PSS restricted with no failing control", () => {
    expect(result.workloads.map((w) => w.kind).sort()).toEqual(["Deployment", "Job"]);
    for (const workload of result.workloads) {
      expect(workload.pssLevel, workload.name).toBe("restricted");
      const failing = Object.entries(workload.controls).filter(([, c]) => c.status === "fail");
      expect(
        failing.map(([id]) => id),
        workload.name,
      ).toEqual([]);
    }
  });

  it("covers every workload with a NetworkPolicy and every serving one with a PodDisruptionBudget", () => {
    const counts = result.summary.controls;
    expect(counts["network-policy"]).toMatchObject({ pass: result.workloads.length, fail: 0 });
    expect(counts["pod-disruption-budget"]).toMatchObject({ pass: 1, fail: 0 });
    expect(result.namespaces).toEqual([
      expect.objectContaining({ name: "rampart", defaultDenyIngress: true, defaultDenyEgress: true }),
    ]);
  });

  it("runs 2+ replicas probed on /api/health (liveness) and /api/ready (readiness), secrets from a Secret", () => {
    const deployment = byKind("Deployment")[0] as unknown as {
      spec: { replicas: number; template: { spec: { containers: Record<string, unknown>[] } } };
    };
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const container = deployment.spec.template.spec.containers[0] as {
      livenessProbe: { httpGet: { path: string } };
      readinessProbe: { httpGet: { path: string } };
      env: { name: string; valueFrom?: { secretKeyRef?: { name: string } } }[];
    };
    expect(container.livenessProbe.httpGet.path).toBe("/api/health");
    expect(container.readinessProbe.httpGet.path).toBe("/api/ready");
    const fromSecret = container.env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
    expect(fromSecret.sort()).toEqual(["BETTER_AUTH_SECRET", "DATABASE_URL", "RAMPART_METRICS_TOKEN"]);
  });
});
