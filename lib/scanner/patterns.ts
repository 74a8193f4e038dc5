/**
 * Workload patterns: which hardening controls a workload is expected to meet.
 *
 * Rule: a `hardening` control that the workload's pattern does not require is reported `n/a`
 * when it would fail, and keeps `pass` when it passes anyway. So "read-only root FS where
 * applicable" = pass / (pass + fail + waived), and voluntary hardening still shows up.
 * PSS and coverage controls do not depend on the pattern.
 */
import type { PatternId } from "./types.ts";

export interface PatternDefinition {
  id: PatternId;
  title: string;
  description: string;
  /** Hardening controls this pattern requires. */
  requiredControls: string[];
  /** YAML snippet of the pattern (pod-level and container-level securityContext). */
  snippet: string;
}

const COMMON = [
  "run-as-non-root",
  "capabilities-drop-all",
  "seccomp-profile",
  "no-privilege-escalation",
  "resource-limits",
];

export const PATTERN_IDS = [
  "app-readonly",
  "stateful",
  "app-writable",
  "node-agent",
] as const satisfies readonly PatternId[];

export const PATTERN_ANNOTATION = "rampart.io/pattern";

export const patterns: readonly PatternDefinition[] = [
  {
    id: "app-readonly",
    title: "Application (read-only)",
    description:
      "Stateless application that does not write to its root filesystem: non-root, all capabilities dropped, seccomp, no privilege escalation, read-only root FS with emptyDir volumes for temporary files. The default for Deployments.",
    requiredControls: [...COMMON, "read-only-root-filesystem"],
    snippet: `securityContext:
  # Pod-level
  runAsNonRoot: true
  runAsUser: 1000
  runAsGroup: 3000
  fsGroup: 2000
  seccompProfile:
    type: RuntimeDefault
containers:
- securityContext:
    # Container-level
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true
    capabilities:
      drop: ["ALL"]
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
  },
  {
    id: "stateful",
    // Not "StatefulSet": Deployments and Pods with a persistent volume claim get this pattern too.
    title: "Stateful (persistent volumes)",
    description:
      "Database or other stateful service with persistent volumes (a StatefulSet, volumeClaimTemplates or a PVC). Same hardening as an application, but a read-only root filesystem is not required.",
    requiredControls: [...COMMON],
    snippet: `securityContext:
  # Pod-level
  runAsNonRoot: true
  runAsUser: <service-uid>  # 999=Redis, 70=PostgreSQL
  runAsGroup: <service-gid>
  fsGroup: <service-fsgroup>
  seccompProfile:
    type: RuntimeDefault
containers:
- securityContext:
    # Container-level
    allowPrivilegeEscalation: false
    capabilities:
      drop: ["ALL"]
  # NO readOnlyRootFilesystem
  volumeMounts:
  - name: data
    mountPath: <data-path>
`,
  },
  {
    id: "app-writable",
    title: "Application (package installation)",
    description:
      "Application that must write to its root filesystem, e.g. installs packages at start (pip/npm/apt). Inferred from install commands in command/args. Read-only root FS not required; init containers secured like the main ones.",
    requiredControls: [...COMMON],
    snippet: `securityContext:
  # Pod-level
  runAsNonRoot: true
  runAsUser: 50000
  runAsGroup: 0
  fsGroup: 0
  seccompProfile:
    type: RuntimeDefault
initContainers:
- securityContext:
    allowPrivilegeEscalation: false
    capabilities:
      drop: ["ALL"]
containers:
- securityContext:
    # Container-level
    allowPrivilegeEscalation: false
    capabilities:
      drop: ["ALL"]
  # NO readOnlyRootFilesystem (needs pip install)
`,
  },
  {
    id: "node-agent",
    title: "DaemonSet (node agent)",
    description:
      "DaemonSet that needs host access (hostPath, host namespaces, root), e.g. a log shipper reading root-owned host logs. A read-only root FS is not required. Running as root or adding capabilities back is still a failure to document: record it as an exception (justification, owner, expiry) so it shows as waived, not silently exempt. Inferred for DaemonSets with host access.",
    requiredControls: [...COMMON],
    snippet: `securityContext:
  # Pod-level
  runAsUser: 0            # required to read root-owned host files
  seccompProfile:
    type: RuntimeDefault
containers:
- securityContext:
    # Container-level
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true
    capabilities:
      drop: ["ALL"]
      add: ["DAC_READ_SEARCH"]   # minimal capabilities
  volumeMounts:
  - name: varlog
    mountPath: /var/log
    readOnly: true
volumes:
- name: varlog
  hostPath:
    path: /var/log
`,
  },
];

export const PATTERNS_BY_ID: ReadonlyMap<string, PatternDefinition> = new Map(patterns.map((p) => [p.id, p]));

export function isPatternId(v: unknown): v is PatternId {
  return typeof v === "string" && PATTERNS_BY_ID.has(v);
}

/** Commands that install packages at run time: the container needs a writable root filesystem. */
export const PACKAGE_INSTALL =
  /\b(?:pip3?\s+install|apt-get\s+install|apt\s+install|apk\s+add|yum\s+install|dnf\s+install|microdnf\s+install|npm\s+(?:install|ci)|yarn\s+(?:install|add)|gem\s+install)\b/;
