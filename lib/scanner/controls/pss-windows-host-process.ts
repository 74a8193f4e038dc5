import { podAndContainers } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";
import { isObj } from "../util.ts";

function hostProcess(v: unknown): boolean {
  return isObj(v) && v.hostProcess === true;
}

export const pssWindowsHostProcess: ControlDefinition = {
  id: "pss-windows-host-process",
  title: "PSS baseline: no Windows HostProcess containers",
  rationale: "Windows HostProcess containers run directly on the node with host-level privileges.",
  severity: "critical",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "HostProcess" },
    polaris: ["hostProcess"],
    trivy: ["KSV103"],
    cis: "5.2.11",
  },
  remediation: `securityContext:
  windowsOptions:
    # Pod-level and container-level: omit or set to false
    hostProcess: false
`,
  evaluate(ctx) {
    const pod = hostProcess(ctx.podSc.windowsOptions) ? ["pod windowsOptions.hostProcess is true"] : [];
    return podAndContainers(ctx, pod, (c) =>
      hostProcess(c.sc.windowsOptions) ? "windowsOptions.hostProcess is true" : null,
    );
  },
};
