/**
 * kube-score `kube-score score -o json` (renderer json_v2, kube-score 1.x): an array of scored
 * objects {object_name, type_meta, object_meta, checks[{check, grade, skipped, comments}]}, plus
 * file_name / file_row in newer releases. Grades: 10 (all OK) and 7 (almost OK) -> pass,
 * 5 (warning) -> warning, 1 (critical) -> fail; skipped checks are not evaluated. A comment's
 * `path` is the container name for container checks (-> per-container messages).
 * kube-score does not print its version in this format: toolVersion "unknown".
 */
import { z } from "zod";
import { ImportBuilder, type ResourceRef } from "./build.ts";
import type { ImportedScan, ImportOptions } from "./types.ts";
import { parseWith } from "./zod-error.ts";

const comment = z.looseObject({
  path: z.string().nullish(),
  summary: z.string(),
  description: z.string().nullish(),
});
const testScore = z.looseObject({
  check: z.looseObject({
    name: z.string(),
    id: z.string(),
    target_type: z.string().optional(),
    comment: z.string().optional(),
    optional: z.boolean().optional(),
  }),
  grade: z.number(),
  skipped: z.boolean(),
  comments: z.array(comment).nullish(),
});
const scoredObject = z.looseObject({
  object_name: z.string(),
  type_meta: z.looseObject({ apiVersion: z.string().optional(), kind: z.string() }),
  object_meta: z.looseObject({
    name: z.string().optional(),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.string()).nullish(),
  }),
  checks: z.array(testScore).nullish(),
  file_name: z.string().optional(),
  file_row: z.number().optional(),
});

export const kubeScoreSchema = z.array(scoredObject);

export function looksLikeKubeScore(json: unknown): boolean {
  if (!Array.isArray(json) || json.length === 0) return false;
  const first = json[0];
  return (
    first !== null &&
    typeof first === "object" &&
    "object_name" in first &&
    ("checks" in first || "type_meta" in first)
  );
}

function gradeStatus(grade: number, skipped: boolean) {
  if (skipped) return "skipped" as const;
  if (grade >= 7) return "pass" as const;
  if (grade >= 5) return "warning" as const;
  return "fail" as const;
}

/** object_name is "Kind/apiVersion/namespace/name" (apiVersion may contain a slash). */
function nameFromObjectName(objectName: string): string {
  const parts = objectName.split("/");
  return parts[parts.length - 1] || objectName;
}

export function importKubeScore(json: unknown, options: ImportOptions): ImportedScan {
  const objects = parseWith(kubeScoreSchema, json, "kube-score JSON");
  const b = new ImportBuilder("kubeScore", "kube-score", options);
  b.addNote("imported from kube-score JSON; only the controls kube-score evaluated are present");
  for (const o of objects) {
    const labels = o.object_meta.labels ?? {};
    const ref: ResourceRef = {
      kind: o.type_meta.kind,
      apiVersion: o.type_meta.apiVersion,
      namespace: o.object_meta.namespace || undefined,
      name: o.object_meta.name || nameFromObjectName(o.object_name),
      labels,
      ...(o.file_name ? { file: o.file_name } : {}),
      ...(o.file_row ? { line: o.file_row } : {}),
    };
    b.addResource(ref);
    for (const ts of o.checks ?? []) {
      const st = gradeStatus(ts.grade, ts.skipped);
      const base = { checkId: ts.check.id, title: ts.check.name, status: st, severity: `grade ${ts.grade}` };
      const comments = ts.comments ?? [];
      if (comments.length === 0 || st === "pass") {
        const msg = comments.map((c) => c.summary).join("; ");
        b.addOutcome(ref, {
          ...base,
          message: msg || (st === "pass" ? "OK" : ts.check.comment || ts.check.name),
        });
        continue;
      }
      for (const c of comments) {
        const message = c.description ? `${c.summary}: ${c.description}` : c.summary;
        b.addOutcome(ref, { ...base, message, ...(c.path ? { container: c.path } : {}) });
      }
    }
  }
  const { result, otherFindings } = b.finish();
  return { tool: "kube-score", toolVersion: "unknown", partialEvidence: false, result, otherFindings };
}
