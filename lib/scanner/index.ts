/**
 * Rampart scanner: public API. Pure TypeScript (no fs, no framework imports): callers pass text in.
 *
 *   scanFiles([{ path, content }], { exceptions, config, now }) => ScanResult
 *   new Scanner(options).addFile(path, content) ... .finish()  (streaming, one file at a time)
 *   scanResultSchema (zod) / ScanResult (type): the JSON contract, schemaVersion 1
 *   controls: the control catalog (JSON-serialisable), patterns: the pattern catalog
 */
export {
  categorise,
  PART_OF_LABEL,
  type ProjectConfig,
  parseProjectConfig,
  projectConfigSchema,
  UNCATEGORISED,
} from "./config.ts";
export { CONTROL_DEFINITIONS, CONTROL_IDS, CONTROLS_BY_ID, controls } from "./controls/index.ts";
export {
  type ExceptionEntry,
  type ExceptionList,
  exceptionListSchema,
  findException,
  isExpired,
  parseExceptionList,
} from "./exceptions.ts";
export { DEFAULT_MAX_ALIAS_COUNT, looksLikeGoTemplate, parseText, YAML_PARSE_OPTIONS } from "./parse.ts";
export {
  PATTERN_ANNOTATION,
  PATTERN_IDS,
  PATTERNS_BY_ID,
  type PatternDefinition,
  patterns,
} from "./patterns.ts";
export { type RemediationTarget, remediationFor, selectorLabels } from "./remediation.ts";
export { renderMarkdown } from "./render/markdown.ts";
export { renderSarif } from "./render/sarif.ts";
export { renderTable } from "./render/table.ts";
export {
  DEFAULT_MAX_FILE_SIZE,
  type ScanFile,
  Scanner,
  type ScanOptions,
  scanFiles,
  WORKLOAD_KINDS,
} from "./scan.ts";
export {
  type ControlResult,
  type Features,
  type NamespaceSummary,
  SCHEMA_VERSION,
  type ScanIssue,
  type ScanResult,
  type StatusCounts,
  scanResultSchema,
  type WorkloadResult,
} from "./schema.ts";
export { matchesSelector, selectorToString } from "./selector.ts";
export type { PolicySource } from "./vap/collect.ts";
export { RampartConfigError, type WorkloadSelector } from "./selectors.ts";
export type {
  ControlCategory,
  ControlDefinition,
  ControlMapping,
  ControlMeta,
  ControlStatus,
  PatternId,
  PssLevel,
  Severity,
} from "./types.ts";
export { SCANNER_VERSION } from "./version.ts";
