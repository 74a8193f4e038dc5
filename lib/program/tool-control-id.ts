/**
 * A tool's own control: a rule an in-cluster engine reported (a PolicyReport / openreports Report result) that
 * Rampart's mapping table does not know, kept as a control of its own so that it can be tracked, waived and used
 * by exit criteria like a built-in control or a `vap:<policy>`.
 *
 * Grammar (strict; what ingest, exceptions and program files accept):
 *
 *   tool-control = tool ":" name [ "/" name ]
 *   tool         = [a-z] [a-z0-9]* ( "-" [a-z0-9]+ )*        1 to 63 characters, not a reserved word (vap, rampart)
 *   name         = [a-z0-9]+ ( ("." | "-") [a-z0-9]+ )*      1 to 253 characters
 *
 * e.g. `kyverno:require-labels/check-for-labels`, `falco:falco-events/terminal-shell-in-container`,
 * `kubescape:c-0034`, `trivy:ksv020`. Built-in control ids never hold a ":" and `vap` is reserved, so a tool
 * control can collide neither with a built-in control nor with a ValidatingAdmissionPolicy's `vap:<name>`.
 *
 * Derivation (toolControlId): the tool is the producer's key when Rampart recognises it (kyverno, kubescape, trivy),
 * else its `source` lower-cased with every run of other characters turned into "-" (Falco -> falco); policy and
 * rule names are lower-cased the same way, keeping dots (Kubernetes names). Names that differ only in case or
 * punctuation are therefore one control. A name with nothing left (no ASCII letter or digit) becomes `x-<hash>`,
 * one longer than 253 characters is cut and ends with `-<hash>` of the full name: the id stays stable and distinct.
 */

export const RESERVED_TOOLS: readonly string[] = ["vap", "rampart"];

const TOOL = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
const NAME = "[a-z0-9]+(?:[.-][a-z0-9]+)*";
const TOOL_CONTROL_RE = new RegExp(`^(${TOOL}):(${NAME})(?:/(${NAME}))?$`);

const MAX_TOOL = 63;
const MAX_NAME = 253;

export function isToolControl(id: string): boolean {
  const m = TOOL_CONTROL_RE.exec(id);
  if (!m) return false;
  const [, tool, policy, rule] = m;
  return (
    tool.length <= MAX_TOOL &&
    !RESERVED_TOOLS.includes(tool) &&
    policy.length <= MAX_NAME &&
    (rule === undefined || rule.length <= MAX_NAME)
  );
}

/** FNV-1a (32 bits) of a string, as 8 hex digits: a stable suffix without node:crypto (the importers are pure). */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** A policy or rule name as the grammar's `name`. */
export function controlName(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/[.-]{2,}/g, "-")
    .replace(/^[.-]+|[.-]+$/g, "");
  if (slug === "") return `x-${fnv(text)}`;
  if (slug.length <= MAX_NAME) return slug;
  return `${slug.slice(0, MAX_NAME - 9).replace(/[.-]+$/, "")}-${fnv(text)}`;
}

/** A producer's `source` as the grammar's `tool` (reserved words get a `-report` suffix). */
export function toolName(source: string): string {
  let slug = controlName(source).replace(/\./g, "-").replace(/-{2,}/g, "-");
  if (!/^[a-z]/.test(slug)) slug = `t-${slug}`;
  if (slug.length > MAX_TOOL) slug = `${slug.slice(0, MAX_TOOL - 9).replace(/-+$/, "")}-${fnv(source)}`;
  return RESERVED_TOOLS.includes(slug) ? `${slug}-report` : slug;
}

/** `<tool>:<policy>[/<rule>]`; the rule is left out when absent or the same name as the policy. */
export function toolControlId(tool: string, policy: string, rule?: string): string {
  const p = controlName(policy);
  const r = rule === undefined || rule === "" ? undefined : controlName(rule);
  return `${toolName(tool)}:${p}${r && r !== p ? `/${r}` : ""}`;
}

export const TOOL_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type ToolSeverity = (typeof TOOL_SEVERITIES)[number];

/**
 * A tool's severity on Rampart's scale (critical, high, medium, low): the PolicyReport scale (critical, high,
 * medium, low, info) and Falco's priorities (emergency ... debug); info and below are low, anything unknown or
 * absent is medium.
 */
export function toolSeverity(severity: string | undefined): ToolSeverity {
  switch (severity?.trim().toLowerCase()) {
    case "critical":
    case "emergency":
    case "alert":
      return "critical";
    case "high":
    case "error":
      return "high";
    case "low":
    case "info":
    case "informational":
    case "notice":
    case "debug":
      return "low";
    default:
      return "medium";
  }
}
