import { z } from "zod";
import { isCustomControl } from "@/lib/program/program-schema";
import { CONTROL_IDS, scanResultSchema } from "@/lib/scanner";
import { findUnsafeText, INT32_MAX, safeText } from "./safe-text";

const knownControls = new Set(CONTROL_IDS);

/**
 * How far ahead of the server's clock a scan's takenAt/generatedAt may be (the scanning machine's clock may run a
 * little fast); later times are refused, since a future scan would stay "latest" until that date.
 */
export const SCAN_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The scanner's JSON contract, plus what the database needs: every control id one Rampart knows, or a custom one
 * (a policy's `vap:<name>`, a tool's own `<tool>:<policy>[/<rule>]`, see lib/program/tool-control-id.ts), `document` and `line` within the 32-bit integer columns, and no text (anywhere, keys included)
 * holding NUL or a lone surrogate. Applies to Rampart's JSON, to other tools' output once mapped, and to scans of uploaded manifests.
 */
export const ingestScanResultSchema = scanResultSchema.superRefine((result, ctx) => {
  const int32 = (value: number | undefined, path: PropertyKey[]) => {
    if (value !== undefined && value > INT32_MAX)
      ctx.addIssue({ code: "custom", path, message: `must be at most ${INT32_MAX} (a 32-bit integer)` });
  };
  result.workloads.forEach((workload, i) => {
    int32(workload.document, ["workloads", i, "document"]);
    int32(workload.line, ["workloads", i, "line"]);
    for (const id of Object.keys(workload.controls)) {
      if (!knownControls.has(id) && !isCustomControl(id)) {
        ctx.addIssue({
          code: "custom",
          path: ["workloads", i, "controls", id],
          message: `unknown control "${id}" (expected a built-in control, vap:<policy> or <tool>:<policy>[/<rule>])`,
        });
      }
    }
  });
  // The other objects carry only custom controls' results (vap:<name>, <tool>:<policy>[/<rule>]).
  (result.resources ?? []).forEach((resource, i) => {
    int32(resource.document, ["resources", i, "document"]);
    int32(resource.line, ["resources", i, "line"]);
    for (const id of Object.keys(resource.controls)) {
      if (!isCustomControl(id)) {
        ctx.addIssue({
          code: "custom",
          path: ["resources", i, "controls", id],
          message: `not a custom control "${id}" (an object that is not a workload has vap:<policy> or <tool>:<policy>[/<rule>] results only)`,
        });
      }
    }
  });
  for (const list of ["errors", "notes"] as const) {
    result[list].forEach((issue, i) => {
      int32(issue.document, [list, i, "document"]);
      int32(issue.line, [list, i, "line"]);
    });
  }
  const unsafe = findUnsafeText(result);
  if (unsafe) ctx.addIssue({ code: "custom", path: unsafe.path, message: unsafe.reason });
});

const slug = safeText()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "lower-case letters, digits and dashes");

/** Scan metadata that travels beside the result (query string or CLI flags). */
export const scanMetaSchema = z.object({
  environment: slug,
  takenAt: z.iso.datetime({ offset: true }).optional(),
  gitRef: safeText().trim().min(1).max(255).optional(),
  gitCommit: safeText()
    .trim()
    .regex(/^[0-9a-f]{4,64}$/i, "a hexadecimal commit id")
    .optional(),
  message: safeText().trim().max(2000).optional(),
  idempotencyKey: safeText().trim().min(8).max(200).optional(),
});

export type ScanMeta = z.infer<typeof scanMetaSchema>;
export const slugSchema = slug;
