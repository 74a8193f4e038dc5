import { podAndContainers } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";
import { isObj } from "../util.ts";

const ALLOWED_TYPES = new Set([
  "",
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
]);

function problems(v: unknown): string[] {
  if (!isObj(v)) return [];
  const out: string[] = [];
  if (v.type !== undefined && v.type !== null && !ALLOWED_TYPES.has(String(v.type)))
    out.push(`seLinuxOptions.type ${String(v.type)}`);
  if (v.user !== undefined && v.user !== null && v.user !== "")
    out.push(`seLinuxOptions.user ${String(v.user)}`);
  if (v.role !== undefined && v.role !== null && v.role !== "")
    out.push(`seLinuxOptions.role ${String(v.role)}`);
  return out;
}

export const pssSelinux: ControlDefinition = {
  id: "pss-selinux",
  title: "PSS baseline: no custom SELinux user, role or type",
  rationale:
    "A custom SELinux type, user or role can lift the container out of the confined container_t domain, giving it access to host files and processes the policy would deny.",
  severity: "medium",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "SELinux" },
    trivy: ["KSV025"],
  },
  remediation: `securityContext:
  # Pod-level: leave seLinuxOptions unset, or use only an allowed type and a level
  seLinuxOptions:
    type: container_t
    level: "s0:c123,c456"
`,
  evaluate(ctx) {
    const pod = problems(ctx.podSc.seLinuxOptions).map((p) => `pod ${p}`);
    return podAndContainers(ctx, pod, (c) => problems(c.sc.seLinuxOptions).join(", ") || null);
  },
};
