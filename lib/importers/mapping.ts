/**
 * Tool check id -> Rampart control ids, built from the `mapping` of each control in
 * lib/scanner (CONTROL_DEFINITIONS), plus the supplementary table below for ids the scanner
 * catalog does not list (yet). One tool check can map to several controls (e.g. Trivy KSV001 ->
 * no-privilege-escalation and pss-privilege-escalation) and several checks to one control.
 */
import { CONTROL_DEFINITIONS, type ControlMapping } from "../scanner/index.ts";

export type ToolKey = "polaris" | "kubeScore" | "kubescape" | "trivy" | "checkov" | "kyverno";

export const TOOL_KEYS: readonly ToolKey[] = [
  "polaris",
  "kubeScore",
  "kubescape",
  "trivy",
  "checkov",
  "kyverno",
];

/**
 * Supplementary mappings (kept here because lib/scanner is owned elsewhere; candidates to move
 * into the controls' `mapping`):
 * - Kubescape C-0270 "Ensure CPU limits are set" and C-0271 "Ensure memory limits are set"
 *   (the newer split of C-0009 "Resource limits") -> resource-limits.
 * - Kubescape C-0016 "Allow privilege escalation" -> also pss-privilege-escalation (the scanner maps
 *   it to no-privilege-escalation only, while Trivy KSV001, Checkov CKV_K8S_20 and Polaris
 *   privilegeEscalationAllowed, the same check, map to both).
 * - kube-score `container-seccomp-profile` (optional check: a seccomp profile is set on the pod
 *   or container) -> seccomp-profile.
 * Deliberately NOT mapped (kept as other findings): kube-score
 * `container-security-context-user-group-id` (requires UID/GID >= 10000, stricter than non-root),
 * Polaris `linuxHardening` / Kubescape C-0055 "Linux hardening" (any one of seccomp, AppArmor,
 * SELinux or dropped capabilities satisfies it, so it matches no single control).
 *
 * Kyverno (PolicyReports): the policy names of the kyverno/policies `pod-security` library, one per Pod Security
 * Standards control, and `require-ro-rootfs` of its best practices. A key "policy/rule" maps one rule only (it is
 * tried before the policy's key): `disallow-capabilities-strict` has a rule requiring `drop: [ALL]` and one
 * limiting added capabilities, and only the first is Rampart's capabilities-drop-all.
 * Deliberately NOT mapped: Kyverno `require-requests-limits` (memory limit and requests, not a CPU limit: not
 * resource-limits), Trivy KSV020/KSV021 (UID/GID above 10000, stricter than non-root), Kubescape C-0034
 * (service account token automount: no Rampart control).
 */
export const SUPPLEMENTARY_MAPPINGS: Readonly<Record<ToolKey, Readonly<Record<string, readonly string[]>>>> =
  {
    polaris: {},
    kubeScore: { "container-seccomp-profile": ["seccomp-profile"] },
    kubescape: {
      "C-0016": ["pss-privilege-escalation"],
      "C-0270": ["resource-limits"],
      "C-0271": ["resource-limits"],
    },
    trivy: {},
    checkov: {},
    kyverno: {
      "disallow-capabilities": ["pss-capabilities-baseline"],
      "disallow-host-namespaces": ["pss-host-namespaces"],
      "disallow-host-path": ["pss-host-path"],
      "disallow-host-ports": ["pss-host-ports"],
      "disallow-host-ports-range": ["pss-host-ports"],
      "disallow-host-process": ["pss-windows-host-process"],
      "disallow-privileged-containers": ["pss-privileged"],
      "disallow-proc-mount": ["pss-proc-mount"],
      "disallow-selinux": ["pss-selinux"],
      "restrict-apparmor-profiles": ["pss-apparmor"],
      "restrict-seccomp": ["pss-seccomp-baseline"],
      "restrict-sysctls": ["pss-sysctls"],
      "disallow-capabilities-strict": ["pss-capabilities-restricted"],
      "disallow-capabilities-strict/require-drop-all": [
        "pss-capabilities-restricted",
        "capabilities-drop-all",
      ],
      "disallow-privilege-escalation": ["pss-privilege-escalation", "no-privilege-escalation"],
      "require-run-as-nonroot": ["pss-run-as-non-root", "run-as-non-root"],
      "require-run-as-non-root-user": ["pss-run-as-user"],
      "restrict-seccomp-strict": ["pss-seccomp-restricted", "seccomp-profile"],
      "restrict-volume-types": ["pss-volume-types"],
      "require-ro-rootfs": ["read-only-root-filesystem"],
    },
  };

function build(): Record<ToolKey, Map<string, string[]>> {
  const out = {} as Record<ToolKey, Map<string, string[]>>;
  for (const t of TOOL_KEYS) out[t] = new Map();
  const add = (t: ToolKey, checkId: string, control: string) => {
    const list = out[t].get(checkId) ?? [];
    if (!list.includes(control)) list.push(control);
    out[t].set(checkId, list);
  };
  for (const c of CONTROL_DEFINITIONS) {
    // The scanner's catalog has no Kyverno column: its mappings are all supplementary.
    const m: Partial<Record<ToolKey, readonly string[]>> = c.mapping satisfies ControlMapping;
    for (const t of TOOL_KEYS) for (const id of m[t] ?? []) add(t, id, c.id);
  }
  for (const t of TOOL_KEYS)
    for (const [id, controls] of Object.entries(SUPPLEMENTARY_MAPPINGS[t]))
      for (const c of controls) add(t, id, c);
  return out;
}

const TABLE = build();

/** Rampart control ids a tool check maps to ([] when unmapped). */
export function controlsFor(tool: ToolKey | undefined, checkId: string): readonly string[] {
  if (!tool) return [];
  return TABLE[tool].get(checkId) ?? [];
}

/** The full mapping actually used, for display and documentation: tool -> check id -> controls. */
export function mappingTable(): Record<ToolKey, Record<string, string[]>> {
  const out = {} as Record<ToolKey, Record<string, string[]>>;
  for (const t of TOOL_KEYS) {
    out[t] = {};
    for (const id of [...TABLE[t].keys()].sort()) out[t][id] = [...(TABLE[t].get(id) ?? [])].sort();
  }
  return out;
}
