/** Subcommand registry: adding a command is one line here (`export { default as <name> } from "./<name>.ts";`). */
export { default as diff } from "./diff.ts";
export { default as push } from "./push.ts";
export { default as report } from "./report.ts";
export { default as scan } from "./scan.ts";
