import { z } from "zod";
import { CONTROL_IDS, scanResultSchema } from "@/lib/scanner";

const knownControls = new Set(CONTROL_IDS);

/** The scanner's JSON contract, plus: every control id must be one Rampart knows. */
export const ingestScanResultSchema = scanResultSchema.superRefine((result, ctx) => {
  result.workloads.forEach((workload, i) => {
    for (const id of Object.keys(workload.controls)) {
      if (!knownControls.has(id)) {
        ctx.addIssue({
          code: "custom",
          path: ["workloads", i, "controls", id],
          message: `unknown control "${id}"`,
        });
      }
    }
  });
});

const slug = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "lower-case letters, digits and dashes");

/** Scan metadata that travels beside the result (query string or CLI flags). */
export const scanMetaSchema = z.object({
  environment: slug,
  takenAt: z.iso.datetime({ offset: true }).optional(),
  gitRef: z.string().trim().min(1).max(255).optional(),
  gitCommit: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{4,64}$/i, "a hexadecimal commit id")
    .optional(),
  message: z.string().trim().max(2000).optional(),
  idempotencyKey: z.string().trim().min(8).max(200).optional(),
});

export type ScanMeta = z.infer<typeof scanMetaSchema>;
export const slugSchema = slug;
