/** Hand-built scans for the unit tests (not exported from index.ts). */
import type { MetricControlStatus, MetricNamespace, MetricScan, MetricWorkload } from "./types.ts";

export function wl(
  name: string,
  statuses: Record<string, MetricControlStatus>,
  extra: Partial<MetricWorkload> & { justification?: Record<string, string> } = {},
): MetricWorkload {
  const { justification = {}, ...rest } = extra;
  return {
    kind: "Deployment",
    namespace: "apps",
    name,
    category: "Core",
    pattern: "app-readonly",
    controls: Object.fromEntries(
      Object.entries(statuses).map(([id, status]) => [
        id,
        justification[id] ? { status, exception: { justification: justification[id] } } : { status },
      ]),
    ),
    ...rest,
  };
}

export function scan(
  workloads: MetricWorkload[],
  namespaces: MetricNamespace[] = [],
  takenAt?: string,
): MetricScan {
  return { workloads, namespaces, ...(takenAt ? { takenAt } : {}) };
}

export const ns = (name: string, defaultDenyIngress = false): MetricNamespace => ({
  name,
  defaultDenyIngress,
  defaultDenyEgress: defaultDenyIngress,
  networkPolicies: defaultDenyIngress ? 1 : 0,
  pdbs: 0,
});
