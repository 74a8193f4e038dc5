import { z } from "zod";
import { idSchema } from "@/lib/program";
import { projectConfigSchema } from "@/lib/scanner";
import { slugSchema } from "./ingest";
import { safeText } from "./safe-text";

/**
 * An environment of a program. Its name is what program files, scans and uploads refer to, so it follows the
 * program file's id rule (lower-case letters, digits and single dashes).
 */
export const environmentInputSchema = z.strictObject({
  name: safeText().trim().max(63).pipe(idSchema),
  description: safeText().trim().max(500).optional(),
});

const environmentsSchema = z
  .array(environmentInputSchema)
  .max(50)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      if (seen.has(e.name)) {
        ctx.addIssue({ code: "custom", path: [i, "name"], message: `duplicate environment "${e.name}"` });
      }
      seen.add(e.name);
    });
  });

/** `new` is the new-program page's address (/projects/new), so no program may take it. */
const projectSlug = slugSchema.refine((slug) => slug !== "new", { message: '"new" is reserved' });
const name = safeText().trim().min(1).max(200);
const description = safeText().trim().max(5000);
const visibility = z.enum(["private", "public"]);

/** Body of POST /api/v1/projects. */
export const createProjectSchema = z.object({
  slug: projectSlug,
  name,
  description: description.optional(),
  visibility: visibility.optional(),
  environments: environmentsSchema.optional(),
  maturityBaseline: z.number().min(0).max(1).optional(),
  maturityTarget: z.number().min(0).max(1).optional(),
  config: projectConfigSchema.optional(),
});

/**
 * Body of PATCH /api/v1/projects/{slug}: any of these. `environments` is the full list: new names are added,
 * descriptions updated, and names left out are removed (refused while the environment holds scans).
 */
export const updateProjectSchema = z
  .strictObject({
    slug: projectSlug.optional(),
    name: name.optional(),
    description: description.optional(),
    visibility: visibility.optional(),
    environments: environmentsSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" });

export type UpdateProjectInput = z.output<typeof updateProjectSchema>;

/** Body of DELETE /api/v1/projects/{slug}: the slug typed again. */
export const deleteProjectSchema = z.strictObject({ confirm: safeText().max(200) });
