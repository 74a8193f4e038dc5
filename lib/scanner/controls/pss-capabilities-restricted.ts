import { capabilities, notApplicable, perContainer } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const pssCapabilitiesRestricted: ControlDefinition = {
  id: "pss-capabilities-restricted",
  title: "PSS restricted: drop ALL, add only NET_BIND_SERVICE",
  rationale:
    "Restricted requires every container to drop ALL capabilities and add back at most NET_BIND_SERVICE (Windows pods exempt).",
  severity: "medium",
  category: "pss-restricted",
  mapping: {
    pss: { level: "restricted", control: "Capabilities" },
    trivy: ["KSV106"],
  },
  remediation: `containers:
- securityContext:
    capabilities:
      drop: ["ALL"]
      add: ["NET_BIND_SERVICE"]   # optional, the only capability allowed
`,
  evaluate(ctx) {
    if (ctx.isWindows) return notApplicable("Windows pod: exempt");
    return perContainer(ctx, (c) => {
      const { add, drop } = capabilities(c.sc);
      const problems: string[] = [];
      if (!drop.includes("ALL")) problems.push("capabilities.drop does not include ALL");
      const extra = add.filter((a) => a !== "NET_BIND_SERVICE");
      if (extra.length) problems.push(`adds ${extra.join(", ")}`);
      return problems.join(", ") || null;
    });
  },
};
