import { perContainer } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const pssProcMount: ControlDefinition = {
  id: "pss-proc-mount",
  title: "PSS baseline: /proc is masked",
  rationale:
    "procMount: Unmasked exposes kernel interfaces under /proc that the runtime normally hides. Since policy v1.35 baseline allows it for pods in a user namespace (hostUsers: false), where the exposure is contained.",
  severity: "medium",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "/proc Mount Type" },
    polaris: ["procMount"],
    trivy: ["KSV027"],
  },
  remediation: `containers:
- securityContext:
    # Container-level: omit or use Default
    procMount: Default
`,
  evaluate(ctx) {
    const userNamespace = ctx.spec.hostUsers === false;
    return perContainer(ctx, (c) => {
      const pm = c.sc.procMount;
      if (pm === undefined || pm === null || pm === "Default") return null;
      return userNamespace ? null : `procMount ${String(pm)} without hostUsers: false`;
    });
  },
};
