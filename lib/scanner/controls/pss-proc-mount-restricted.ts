import { perContainer } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const pssProcMountRestricted: ControlDefinition = {
  id: "pss-proc-mount-restricted",
  title: "PSS restricted: /proc is masked, even in a user namespace",
  rationale:
    "Restricted does not take up baseline's user-namespace relaxation (v1.35+): procMount must be Default whatever hostUsers says.",
  severity: "medium",
  category: "pss-restricted",
  mapping: {
    pss: { level: "restricted", control: "/proc Mount Type" },
    polaris: ["procMount"],
    trivy: ["KSV027"],
  },
  remediation: `containers:
- securityContext:
    procMount: Default
`,
  evaluate(ctx) {
    return perContainer(ctx, (c) => {
      const pm = c.sc.procMount;
      return pm === undefined || pm === null || pm === "Default" ? null : `procMount ${String(pm)}`;
    });
  },
};
