/**
 * Fixtures for the component tests: the Maestro demo program (examples/maestro/program.yaml) and small hand-built
 * scans, with every figure computed by the real lib/metrics functions.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DatedMetricScan, MetricControlStatus, MetricWorkload } from "@/lib/metrics";
import { parseProgramOrThrow } from "@/lib/program";
import type { ComponentRow } from "./component-filters";

export const program = parseProgramOrThrow(
  readFileSync(join(import.meta.dirname, "..", "..", "examples", "maestro", "program.yaml"), "utf8"),
  "program.yaml",
);
/** Phase 2: the hardening that the demo's scans record. */
export const phase = program.phases[1];

const HARDENING = ["run-as-non-root", "capabilities-drop-all", "seccomp-profile", "no-privilege-escalation"];

type WlOptions = Partial<MetricWorkload> & {
  pssLevel?: string;
  waive?: Record<string, string>;
};

/** A production component: every hardening control `pass` unless overridden. */
export function component(
  name: string,
  statuses: Record<string, MetricControlStatus> = {},
  { waive = {}, ...rest }: WlOptions = {},
): MetricWorkload & { componentId: string; pssLevel?: string } {
  const all: Record<string, MetricControlStatus> = {
    ...Object.fromEntries(HARDENING.map((c) => [c, "pass" as const])),
    "read-only-root-filesystem": "pass",
    "network-policy": "fail",
    "pod-disruption-budget": "fail",
    ...statuses,
  };
  for (const c of Object.keys(waive)) all[c] = "waived";
  return {
    componentId: `cmp-${name}`,
    kind: "Deployment",
    namespace: "maestro",
    name,
    category: "Core Platform",
    pattern: "app-readonly",
    features: {
      runAsNonRoot: true,
      runAsUser: 1000,
      readOnlyRootFilesystem: true,
      capabilitiesDropped: true,
      addedCapabilities: [],
      seccomp: "RuntimeDefault",
      tempVolumes: true,
      dataVolumes: false,
      hostPath: false,
      initContainersSecured: false,
    },
    controls: Object.fromEntries(
      Object.entries(all).map(([c, status]) => [
        c,
        waive[c] ? { status, exception: { justification: waive[c] } } : { status },
      ]),
    ),
    ...rest,
  };
}

export const promtail = component(
  "promtail",
  { "read-only-root-filesystem": "n/a" },
  {
    kind: "DaemonSet",
    namespace: "logging",
    category: "Logging Stack",
    pattern: "node-agent",
    pssLevel: "privileged",
    waive: { "run-as-non-root": "Reads root-owned node log files" },
    features: {
      runAsNonRoot: false,
      runAsUser: 0,
      readOnlyRootFilesystem: false,
      capabilitiesDropped: true,
      addedCapabilities: ["DAC_READ_SEARCH"],
      seccomp: "RuntimeDefault",
      tempVolumes: false,
      dataVolumes: false,
      hostPath: true,
      initContainersSecured: false,
    },
  },
);

export const rows: ComponentRow[] = [
  component("maestro-api", { "network-policy": "pass" }, { pssLevel: "restricted" }),
  component("maestro-worker", {}, { pssLevel: "restricted" }),
  component(
    "feast-redis",
    { "read-only-root-filesystem": "n/a", "pod-disruption-budget": "pass" },
    { kind: "StatefulSet", category: "Feature Store", pattern: "stateful", pssLevel: "baseline" },
  ),
  component(
    "airflow-worker",
    { "run-as-non-root": "fail", "read-only-root-filesystem": "n/a" },
    { category: "Workflow Orchestration", pattern: "app-writable", pssLevel: "baseline" },
  ),
  promtail,
];

export const scanAt = (takenAt: string, workloads: MetricWorkload[]): DatedMetricScan => ({
  takenAt,
  workloads,
  namespaces: [],
});

/** Three scans: hardening grows from 2 to all 5 components. */
export const scans: DatedMetricScan[] = [
  scanAt("2025-10-05T09:00:00Z", [
    component("maestro-api"),
    component("maestro-worker", { "seccomp-profile": "fail" }),
    component("feast-redis", { "run-as-non-root": "fail" }),
    component("airflow-worker", { "run-as-non-root": "fail" }),
    component("promtail", { "run-as-non-root": "fail" }),
  ]),
  scanAt("2025-10-12T09:00:00Z", [
    component("maestro-api", { "network-policy": "pass" }),
    component("maestro-worker"),
    component("feast-redis"),
    component("airflow-worker", { "run-as-non-root": "fail" }),
    component("promtail", { "run-as-non-root": "fail" }),
  ]),
  scanAt("2025-10-19T09:00:00Z", rows as MetricWorkload[]),
];
