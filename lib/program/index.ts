/** Program definitions (kind: Program) and the demo's snapshot list (kind: SnapshotList). Pure: no fs. */
export * from "./dates.ts";
export * from "./parse-program.ts";
export * from "./phases.ts";
export * from "./program-schema.ts";
export * from "./snapshot-list.ts";
