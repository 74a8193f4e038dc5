import { capabilities, notApplicable, perContainer } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const capabilitiesDropAll: ControlDefinition = {
  id: "capabilities-drop-all",
  title: "Containers drop all Linux capabilities",
  rationale:
    "Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID, ...) that most applications never use. Dropping ALL removes kernel attack surface; add back only what the process really needs.",
  severity: "medium",
  category: "hardening",
  mapping: {
    pss: { level: "restricted", control: "Capabilities" },
    polaris: ["insecureCapabilities"],
    trivy: ["KSV003"],
    checkov: ["CKV_K8S_37"],
    cis: "5.2.10",
  },
  remediation: `containers:
- securityContext:
    # Container-level
    capabilities:
      drop: ["ALL"]
      # add: ["NET_BIND_SERVICE"]  # only if the process binds a port below 1024
`,
  evaluate(ctx) {
    if (ctx.isWindows) return notApplicable("Windows pod: Linux capabilities do not apply");
    return perContainer(
      ctx,
      (c) =>
        capabilities(c.sc).drop.some((d) => d.toUpperCase() === "ALL")
          ? null
          : "capabilities.drop does not include ALL",
      "all containers drop ALL",
      // Container runtimes compare "ALL" case-insensitively; PSS (pss-capabilities-restricted) wants exactly "ALL".
    );
  },
};
