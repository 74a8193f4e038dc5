/** The control registry: every control, one file each. Adding a control = one import + one entry. */
import type { ControlDefinition, ControlMeta } from "../types.ts";
import { capabilitiesDropAll } from "./capabilities-drop-all.ts";
import { networkPolicy } from "./network-policy.ts";
import { noPrivilegeEscalation } from "./no-privilege-escalation.ts";
import { podDisruptionBudget } from "./pod-disruption-budget.ts";
import { pssApparmor } from "./pss-apparmor.ts";
import { pssCapabilitiesBaseline } from "./pss-capabilities-baseline.ts";
import { pssCapabilitiesRestricted } from "./pss-capabilities-restricted.ts";
import { pssHostNamespaces } from "./pss-host-namespaces.ts";
import { pssHostPath } from "./pss-host-path.ts";
import { pssHostPorts } from "./pss-host-ports.ts";
import { pssPrivilegeEscalation } from "./pss-privilege-escalation.ts";
import { pssPrivileged } from "./pss-privileged.ts";
import { pssProbesLifecycleHost } from "./pss-probes-lifecycle-host.ts";
import { pssProcMount } from "./pss-proc-mount.ts";
import { pssProcMountRestricted } from "./pss-proc-mount-restricted.ts";
import { pssRunAsNonRoot } from "./pss-run-as-non-root.ts";
import { pssRunAsUser } from "./pss-run-as-user.ts";
import { pssSeccompBaseline } from "./pss-seccomp-baseline.ts";
import { pssSeccompRestricted } from "./pss-seccomp-restricted.ts";
import { pssSelinux } from "./pss-selinux.ts";
import { pssSysctls } from "./pss-sysctls.ts";
import { pssVolumeTypes } from "./pss-volume-types.ts";
import { pssWindowsHostProcess } from "./pss-windows-host-process.ts";
import { readOnlyRootFilesystem } from "./read-only-root-filesystem.ts";
import { resourceLimits } from "./resource-limits.ts";
import { runAsNonRoot } from "./run-as-non-root.ts";
import { seccompProfile } from "./seccomp-profile.ts";

/** All controls, in display order: hardening, coverage, PSS baseline, PSS restricted. */
export const CONTROL_DEFINITIONS: readonly ControlDefinition[] = [
  runAsNonRoot,
  capabilitiesDropAll,
  seccompProfile,
  readOnlyRootFilesystem,
  noPrivilegeEscalation,
  resourceLimits,
  networkPolicy,
  podDisruptionBudget,
  pssHostNamespaces,
  pssPrivileged,
  pssCapabilitiesBaseline,
  pssHostPath,
  pssHostPorts,
  pssApparmor,
  pssSelinux,
  pssProcMount,
  pssSeccompBaseline,
  pssSysctls,
  pssWindowsHostProcess,
  pssProbesLifecycleHost,
  pssVolumeTypes,
  pssPrivilegeEscalation,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeccompRestricted,
  pssCapabilitiesRestricted,
  pssProcMountRestricted,
];

export const CONTROLS_BY_ID: ReadonlyMap<string, ControlDefinition> = new Map(
  CONTROL_DEFINITIONS.map((c) => [c.id, c]),
);

export const CONTROL_IDS: readonly string[] = CONTROL_DEFINITIONS.map((c) => c.id);

/** The control catalog without evaluate functions: JSON-serialisable, for the database to sync. */
export const controls: readonly ControlMeta[] = CONTROL_DEFINITIONS.map(
  ({ id, title, rationale, severity, category, mapping, remediation }) => ({
    id,
    title,
    rationale,
    severity,
    category,
    mapping,
    remediation,
  }),
);
