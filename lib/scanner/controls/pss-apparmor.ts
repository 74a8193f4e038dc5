import { podAndContainers } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";
import { isObj, str } from "../util.ts";

export const APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
const VALID_TYPES = new Set(["RuntimeDefault", "Localhost"]);

function fieldProblem(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const t = isObj(v) ? str(v.type) : undefined;
  return t && VALID_TYPES.has(t) ? null : `appArmorProfile.type is ${t ?? "unset"}`;
}

export const pssApparmor: ControlDefinition = {
  id: "pss-apparmor",
  title: "PSS baseline: AppArmor is not disabled",
  rationale:
    "The runtime's default AppArmor profile confines what a container may do on hosts that use AppArmor. Setting it to unconfined removes that layer.",
  severity: "medium",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "AppArmor" },
    trivy: ["KSV002"],
  },
  remediation: `securityContext:
  # Pod-level (Kubernetes 1.30+); or leave unset for the runtime default
  appArmorProfile:
    type: RuntimeDefault
# Legacy annotation form: container.apparmor.security.beta.kubernetes.io/<container>: runtime/default
`,
  evaluate(ctx) {
    const pod: string[] = [];
    const podField = fieldProblem(ctx.podSc.appArmorProfile);
    if (podField) pod.push(`pod ${podField}`);
    for (const [k, v] of Object.entries(ctx.podAnnotations)) {
      if (!k.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
      if (v === "" || v === "runtime/default" || v.startsWith("localhost/")) continue;
      pod.push(`annotation ${k}: ${v}`);
    }
    return podAndContainers(ctx, pod, (c) => fieldProblem(c.sc.appArmorProfile));
  },
};
