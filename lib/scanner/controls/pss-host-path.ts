import { fail, pass, volumes } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const pssHostPath: ControlDefinition = {
  id: "pss-host-path",
  title: "PSS baseline: no hostPath volumes",
  rationale:
    "A hostPath volume exposes the node's filesystem to the pod: the container runtime socket, kubelet credentials or /etc can be read or written, which is a direct path to node takeover.",
  severity: "high",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "HostPath Volumes" },
    polaris: ["hostPathSet"],
    kubescape: ["C-0048"],
    trivy: ["KSV023"],
    cis: "5.2.12",
  },
  remediation: `volumes:
# Use emptyDir, configMap, secret or a PVC instead of hostPath
- name: tmp
  emptyDir: {}
- name: data
  persistentVolumeClaim:
    claimName: data
`,
  evaluate(ctx) {
    const bad = volumes(ctx)
      .filter((v) => v.hostPath !== undefined && v.hostPath !== null)
      .map((v) => String(v.name));
    return bad.length ? fail(`hostPath volumes: ${bad.join(", ")}`) : pass();
  },
};
