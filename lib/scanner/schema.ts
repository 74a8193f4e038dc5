/**
 * The JSON output contract (schemaVersion 1), consumed by ingest, dashboard and reports.
 * Conventions: `document` is the 0-based index of the YAML document in its file (JSON files: 0);
 * `line` is the 1-based line where that document starts. Output is sorted and deterministic
 * apart from `generatedAt`.
 */
import { z } from "zod";
import { PATTERN_IDS } from "./patterns.ts";

export const SCHEMA_VERSION = 1;

export const controlStatusSchema = z.enum(["pass", "fail", "waived", "n/a"]);
export const pssLevelSchema = z.enum(["restricted", "baseline", "privileged"]);
export const patternIdSchema = z.enum(PATTERN_IDS);

export const issueSchema = z.object({
  file: z.string(),
  document: z.number().int().nonnegative(),
  line: z.number().int().positive().optional(),
  message: z.string(),
});

export const appliedExceptionSchema = z.object({
  selector: z.object({
    kind: z.string().optional(),
    namespace: z.string().optional(),
    name: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
  }),
  control: z.string(),
  justification: z.string(),
  owner: z.string(),
  expires: z.string().optional(),
});

export const containerResultSchema = z.object({
  name: z.string(),
  status: z.enum(["pass", "fail", "n/a"]),
  message: z.string(),
});

export const controlResultSchema = z.object({
  status: controlStatusSchema,
  message: z.string(),
  containers: z.array(containerResultSchema),
  exception: appliedExceptionSchema.optional(),
  expiredException: appliedExceptionSchema.optional(),
  /** vap:* controls: the validation actions of the bindings behind this result. */
  validationActions: z.array(z.enum(["Deny", "Warn", "Audit"])).optional(),
  /** vap:* controls: why the policy could not be evaluated offline (status n/a), never a silent pass. */
  notEvaluated: z.string().optional(),
  /** vap:* controls: the failing validation's reason (Invalid, Forbidden, ...). */
  reason: z.string().optional(),
  /** vap:* controls: the policy's audit annotations (`<policy>/<key>` → value) recorded for this object. */
  auditAnnotations: z.record(z.string(), z.string()).optional(),
});

export const featuresSchema = z.object({
  runAsUser: z.number().optional(),
  runAsNonRoot: z.boolean(),
  readOnlyRootFilesystem: z.boolean(),
  capabilitiesDropped: z.boolean(),
  addedCapabilities: z.array(z.string()),
  seccomp: z.string().optional(),
  tempVolumes: z.boolean(),
  dataVolumes: z.boolean(),
  hostPath: z.boolean(),
  initContainersSecured: z.boolean(),
  /** Desired pod count of a replicated workload (spec.replicas, default 1); absent for other kinds. */
  replicas: z.number().int().nonnegative().optional(),
});

/** Where a scanned object stands: its identity and the file, document and line it was read from. */
const scannedObjectSchema = z.object({
  kind: z.string(),
  apiVersion: z.string(),
  namespace: z.string(),
  name: z.string(),
  file: z.string(),
  document: z.number().int().nonnegative(),
  line: z.number().int().positive(),
  labels: z.record(z.string(), z.string()),
});

export const workloadResultSchema = scannedObjectSchema.extend({
  podLabels: z.record(z.string(), z.string()),
  category: z.string(),
  pattern: patternIdSchema,
  patternSource: z.enum(["inferred", "annotation", "config"]),
  pssLevel: pssLevelSchema,
  containers: z.array(
    z.object({ name: z.string(), type: z.enum(["container", "init", "ephemeral"]), image: z.string() }),
  ),
  features: featuresSchema,
  controls: z.record(z.string(), controlResultSchema),
});

/** A scanned object that is not a workload, with its vap:* control results. */
export const resourceResultSchema = scannedObjectSchema.extend({
  /** As a workload's (rampart.yaml categories, else app.kubernetes.io/part-of); absent from older scanners. */
  category: z.string().optional(),
  controls: z.record(z.string(), controlResultSchema),
});

/** A ValidatingAdmissionPolicy evaluated as control `vap:<name>`; `hash` changes with its text. */
export const policySummarySchema = z.object({
  name: z.string(),
  source: z.string(),
  hash: z.string(),
  validationActions: z.array(z.enum(["Deny", "Warn", "Audit"])),
  bindings: z.array(z.string()),
  /** Set when the policy has no results: "no binding: not evaluated" (the API server enforces only bound policies). */
  notEvaluated: z.string().optional(),
});

export const namespaceSummarySchema = z.object({
  name: z.string(),
  networkPolicies: z.number().int().nonnegative(),
  defaultDenyIngress: z.boolean(),
  defaultDenyEgress: z.boolean(),
  pdbs: z.number().int().nonnegative(),
});

export const statusCountsSchema = z.object({
  pass: z.number().int().nonnegative(),
  fail: z.number().int().nonnegative(),
  waived: z.number().int().nonnegative(),
  "n/a": z.number().int().nonnegative(),
});

export const scanResultSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  scanner: z.object({ name: z.literal("rampart"), version: z.string() }),
  generatedAt: z.iso.datetime(),
  workloads: z.array(workloadResultSchema),
  namespaces: z.array(namespaceSummarySchema),
  objects: z.record(z.string(), z.number().int().nonnegative()),
  errors: z.array(issueSchema),
  notes: z.array(issueSchema),
  /** Present when policies were evaluated (additive in schemaVersion 1). */
  resources: z.array(resourceResultSchema).optional(),
  policies: z.array(policySummarySchema).optional(),
  summary: z.object({
    workloads: z.number().int().nonnegative(),
    controls: z.record(z.string(), statusCountsSchema),
    pssLevels: z.object({
      restricted: z.number().int().nonnegative(),
      baseline: z.number().int().nonnegative(),
      privileged: z.number().int().nonnegative(),
    }),
    patterns: z.record(z.string(), z.number().int().nonnegative()),
    expiredExceptions: z.number().int().nonnegative(),
  }),
});

export type ScanResult = z.infer<typeof scanResultSchema>;
export type WorkloadResult = z.infer<typeof workloadResultSchema>;
export type ControlResult = z.infer<typeof controlResultSchema>;
export type ScanIssue = z.infer<typeof issueSchema>;
export type Features = z.infer<typeof featuresSchema>;
export type NamespaceSummary = z.infer<typeof namespaceSummarySchema>;
export type StatusCounts = z.infer<typeof statusCountsSchema>;
export type ResourceResult = z.infer<typeof resourceResultSchema>;
export type PolicySummary = z.infer<typeof policySummarySchema>;
