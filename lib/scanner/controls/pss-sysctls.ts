import { fail, pass } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";
import { arr, isObj } from "../util.ts";

/** The safe sysctls of Pod Security Standards v1.37 (latest). */
export const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports", // v1.27
  "net.ipv4.tcp_keepalive_time", // v1.29
  "net.ipv4.tcp_fin_timeout", // v1.29
  "net.ipv4.tcp_keepalive_intvl", // v1.29
  "net.ipv4.tcp_keepalive_probes", // v1.29
  "net.ipv4.tcp_rmem", // v1.32
  "net.ipv4.tcp_wmem", // v1.32
  "net.ipv4.tcp_slow_start_after_idle", // v1.37
  "net.ipv4.tcp_notsent_lowat", // v1.37
]);

export const pssSysctls: ControlDefinition = {
  id: "pss-sysctls",
  title: "PSS baseline: only safe sysctls",
  rationale:
    "Most sysctls are node-wide or can starve the node; only a namespaced, safe subset may be set by pods. Others can disable security features or affect every pod on the node.",
  severity: "medium",
  category: "pss-baseline",
  mapping: {
    pss: { level: "baseline", control: "Sysctls" },
    trivy: ["KSV026"],
  },
  remediation: `securityContext:
  # Pod-level: only safe sysctls
  sysctls:
  - name: net.ipv4.ip_unprivileged_port_start
    value: "0"
`,
  evaluate(ctx) {
    const bad = arr(ctx.podSc.sysctls)
      .filter(isObj)
      .map((s) => String(s.name))
      .filter((n) => !SAFE_SYSCTLS.has(n));
    return bad.length ? fail(`unsafe sysctls: ${bad.join(", ")}`) : pass();
  },
};
