import type { ContainerOutcome, ControlDefinition } from "../types.ts";
import { obj } from "../util.ts";

function hasLimit(v: unknown): boolean {
  return (typeof v === "string" && v.trim() !== "") || typeof v === "number";
}

export const resourceLimits: ControlDefinition = {
  id: "resource-limits",
  title: "CPU and memory limits are set",
  rationale:
    "Without limits one container can exhaust the node's memory or CPU and take down its neighbours; a compromised container can mine or flood freely. Limits also make the scheduler's and the OOM killer's decisions predictable.",
  severity: "medium",
  category: "hardening",
  mapping: {
    polaris: ["cpuLimitsMissing", "memoryLimitsMissing"],
    kubeScore: ["container-resources"],
    kubescape: ["C-0009"],
    trivy: ["KSV011", "KSV018"],
    checkov: ["CKV_K8S_11", "CKV_K8S_13"],
  },
  remediation: `containers:
- resources:
    requests:
      cpu: 100m
      memory: 128Mi
    limits:
      cpu: 500m
      memory: 256Mi
`,
  evaluate(ctx) {
    const containers: ContainerOutcome[] = [];
    const failed: string[] = [];
    for (const c of ctx.containers) {
      if (c.type === "ephemeral") {
        containers.push({
          name: c.name,
          status: "n/a",
          message: "ephemeral containers cannot set resources",
        });
        continue;
      }
      const limits = obj(obj(c.spec.resources).limits);
      const missing = ["cpu", "memory"].filter((r) => !hasLimit(limits[r]));
      if (missing.length > 0) {
        const msg = `no ${missing.join(" and ")} limit`;
        containers.push({ name: c.name, status: "fail", message: msg });
        failed.push(`${c.name}: ${msg}`);
      } else containers.push({ name: c.name, status: "pass", message: "" });
    }
    if (failed.length > 0) return { status: "fail", message: failed.join("; "), containers };
    return { status: "pass", message: "cpu and memory limits set", containers };
  },
};
