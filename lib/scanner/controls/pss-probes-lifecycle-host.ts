import { handlers, perContainer } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";
import { isObj } from "../util.ts";

export const pssProbesLifecycleHost: ControlDefinition = {
  id: "pss-probes-lifecycle-host",
  title: "PSS baseline: probes and lifecycle hooks do not set host",
  rationale:
    "The kubelet performs httpGet and tcpSocket probes and hooks from the node. A custom host field makes the kubelet connect to an arbitrary address, which can be abused to reach node-local or internal services (policy v1.34+).",
  severity: "medium",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "Host Probes / Lifecycle Hooks" },
  },
  remediation: `containers:
- livenessProbe:
    httpGet:
      # no host: the kubelet probes the pod IP
      path: /healthz
      port: 8080
`,
  evaluate(ctx) {
    return perContainer(ctx, (c) => {
      const bad: string[] = [];
      for (const { where, handler } of handlers(c)) {
        for (const t of ["httpGet", "tcpSocket"]) {
          const h = handler[t];
          if (isObj(h) && h.host !== undefined && h.host !== null && h.host !== "")
            bad.push(`${where}.${t}.host ${String(h.host)}`);
        }
      }
      return bad.join(", ") || null;
    });
  },
};
