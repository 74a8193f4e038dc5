/**
 * The minimal scan view every figure is computed from. Both a scanner `ScanResult` (CLI, files, tests) and a
 * stored scan (server: ControlResult rows with exceptions applied at view time) can provide it, so the dashboard
 * and the exported report compute each figure with the same functions from the same data.
 */
import type { DoneState } from "@/lib/program";

/** Effective status of one control on one component, as given (stored exceptions may already have waived it). */
export type MetricControlStatus = "pass" | "fail" | "waived" | "n/a";

/** What a waived result says about its exception; only the justification is used (scanner and stored shapes differ). */
export type MetricException = { justification?: string; owner?: string; expires?: string };

export type MetricControlResult = {
  status: MetricControlStatus;
  exception?: MetricException | null;
};

export type MetricWorkload = {
  kind: string;
  namespace: string;
  name: string;
  category: string;
  pattern: string;
  features?: unknown;
  controls: Readonly<Record<string, MetricControlResult>>;
};

/**
 * A scanned object that is not a workload (Service, ConfigMap, Namespace…): it carries only the results of custom
 * controls (a policy's `vap:*`, a tool's own `<tool>:<policy>[/<rule>]`) evaluated on it, and counts in the figures
 * of those controls only.
 */
export type MetricResource = {
  kind: string;
  namespace: string;
  name: string;
  controls: Readonly<Record<string, MetricControlResult>>;
};

export type MetricNamespace = {
  name: string;
  defaultDenyIngress: boolean;
  defaultDenyEgress: boolean;
  networkPolicies?: number;
  pdbs?: number;
};

/**
 * One scan of one environment. `takenAt` is optional so that a `ScanResult` (which has `generatedAt`, not the
 * time the manifests were taken) is assignable; time series (burn-up) require it (`DatedMetricScan`).
 */
export type MetricScan = {
  takenAt?: Date | string;
  workloads: readonly MetricWorkload[];
  /** Present when custom controls evaluated other objects: those objects with their results. */
  resources?: readonly MetricResource[];
  namespaces: readonly MetricNamespace[];
};

export type DatedMetricScan = MetricScan & { takenAt: Date | string };

/** The latest scan of each environment, keyed by environment name (program.yaml `environments[].name`). */
export type EnvironmentScans = Readonly<Record<string, MetricScan | null | undefined>>;

/** A component's identity within an environment. */
export type ComponentRef = { kind: string; namespace: string; name: string };

/**
 * Manual state recorded outside the program file (ticked criteria, done milestones), keyed by id. A key that is
 * present wins over the program file's initial state (`rule.met`, `milestone.done`), so un-ticking works too.
 */
export type ProgramState = {
  criteria?: Readonly<Record<string, DoneState | boolean | null | undefined>>;
  milestones?: Readonly<Record<string, DoneState | boolean | null | undefined>>;
};
