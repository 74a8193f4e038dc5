/** Subcommand registry: adding a command is one line here (`export { default as <name> } from "./<name>.ts";`). */
export { default as scan } from "./scan.ts";
