import { pass, podAndContainers } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

export const pssRunAsUser: ControlDefinition = {
  id: "pss-run-as-user",
  title: "PSS restricted: runAsUser is not 0",
  rationale:
    "Restricted forbids runAsUser: 0 at pod or container level: it would run the process as root. Since policy v1.35 a pod in a user namespace (hostUsers: false) is exempt: UID 0 there maps to an unprivileged user on the node.",
  severity: "high",
  category: "pss-restricted",
  mapping: {
    pss: { level: "restricted", control: "Running as Non-root user" },
    trivy: ["KSV105"],
  },
  remediation: `securityContext:
  # Pod-level: a non-zero UID
  runAsUser: 1000
`,
  evaluate(ctx) {
    if (ctx.spec.hostUsers === false)
      return pass("exempt: the pod runs in a user namespace (hostUsers: false)");
    const pod = ctx.podSc.runAsUser === 0 ? ["pod securityContext.runAsUser is 0"] : [];
    return podAndContainers(ctx, pod, (c) => (c.sc.runAsUser === 0 ? "runAsUser is 0" : null));
  },
};
