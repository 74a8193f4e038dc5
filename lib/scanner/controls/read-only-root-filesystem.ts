import { notApplicable, perContainer } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const readOnlyRootFilesystem: ControlDefinition = {
  id: "read-only-root-filesystem",
  title: "Root filesystem is read-only",
  rationale:
    "A read-only root filesystem stops an attacker from dropping tools or modifying binaries inside the container and makes the image the only source of code. Writable paths (/tmp, caches) go on emptyDir volumes. Required for the app-readonly pattern only.",
  severity: "medium",
  category: "hardening",
  mapping: {
    polaris: ["notReadOnlyRootFilesystem"],
    kubeScore: ["container-security-context-readonlyrootfilesystem"],
    kubescape: ["C-0017"],
    trivy: ["KSV014"],
    checkov: ["CKV_K8S_22"],
  },
  remediation: `containers:
- securityContext:
    # Container-level
    readOnlyRootFilesystem: true
  volumeMounts:
  - name: tmp
    mountPath: /tmp
  - name: cache
    mountPath: /.cache
volumes:
- name: tmp
  emptyDir: {}
- name: cache
  emptyDir: {}
`,
  evaluate(ctx) {
    if (ctx.isWindows) return notApplicable("Windows pod: readOnlyRootFilesystem is not supported");
    return perContainer(
      ctx,
      (c) => (c.sc.readOnlyRootFilesystem === true ? null : "readOnlyRootFilesystem is not true"),
      "read-only root filesystem",
    );
  },
};
