import { fail, pass } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const pssHostNamespaces: ControlDefinition = {
  id: "pss-host-namespaces",
  title: "PSS baseline: host namespaces are not shared",
  rationale:
    "hostNetwork, hostPID and hostIPC put the pod in the node's network, process or IPC namespace: it can sniff node traffic, bind node ports, see and signal every process on the node, and read shared memory.",
  severity: "critical",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "Host Namespaces" },
    polaris: ["hostIPCSet", "hostPIDSet", "hostNetworkSet"],
    kubescape: ["C-0038", "C-0041"],
    trivy: ["KSV008", "KSV009", "KSV010"],
    checkov: ["CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19"],
    cis: "5.2.3",
  },
  remediation: `spec:
  # Pod-level: omit these fields or set them to false
  hostNetwork: false
  hostPID: false
  hostIPC: false
`,
  evaluate(ctx) {
    const set = (["hostNetwork", "hostPID", "hostIPC"] as const).filter((f) => ctx.spec[f] === true);
    return set.length ? fail(`${set.join(", ")} set to true`) : pass();
  },
};
