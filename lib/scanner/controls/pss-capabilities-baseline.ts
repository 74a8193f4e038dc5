import { capabilities, perContainer } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

/** Capabilities the baseline level allows to be added (the container runtime's defaults). */
export const BASELINE_CAPABILITIES = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

export const pssCapabilitiesBaseline: ControlDefinition = {
  id: "pss-capabilities-baseline",
  title: "PSS baseline: no capabilities beyond the runtime defaults",
  rationale:
    "Capabilities such as SYS_ADMIN, NET_ADMIN, NET_RAW or SYS_PTRACE give a container powers close to root on the node. Baseline allows adding only the container runtime's default set.",
  severity: "high",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "Capabilities" },
    polaris: ["dangerousCapabilities"],
    kubescape: ["C-0046"],
    trivy: ["KSV022"],
    cis: "5.2.9",
  },
  remediation: `containers:
- securityContext:
    capabilities:
      drop: ["ALL"]
      add: ["NET_BIND_SERVICE"]   # only runtime-default capabilities may be added
`,
  evaluate(ctx) {
    return perContainer(ctx, (c) => {
      const bad = capabilities(c.sc).add.filter((a) => !BASELINE_CAPABILITIES.has(a));
      return bad.length ? `adds ${bad.join(", ")}` : null;
    });
  },
};
