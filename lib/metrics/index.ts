/**
 * Rampart's program figures: pure functions over a minimal scan view (MetricScan) and the program definition.
 * The dashboard and the exported report both call these, so a figure cannot differ between them.
 */
export * from "./burn-up.ts";
export * from "./components.ts";
export * from "./exit-criteria.ts";
export * from "./format.ts";
export * from "./hardening-metrics.ts";
export * from "./maturity.ts";
export * from "./pass-rate.ts";
export * from "./phase-figures.ts";
export * from "./plan.ts";
export * from "./quality-metrics.ts";
export * from "./state.ts";
export * from "./types.ts";
export * from "./work-stream-progress.ts";
