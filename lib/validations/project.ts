import { z } from "zod";
import { projectConfigSchema } from "@/lib/scanner";
import { slugSchema } from "./ingest";

/** Body of POST /api/v1/projects. */
export const createProjectSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).optional(),
  maturityBaseline: z.number().min(0).max(1).optional(),
  maturityTarget: z.number().min(0).max(1).optional(),
  config: projectConfigSchema.optional(),
});

/** Body of DELETE /api/v1/projects/{slug}: the slug typed again. */
export const deleteProjectSchema = z.strictObject({ confirm: z.string().max(200) });
