/**
 * The roadmap editor's check of a draft with the program file's own schema: the same rules and messages as a YAML
 * import. Its own module because the schema brings zod (about 30 kB gzipped): the editor loads it after the page
 * shows (RoadmapEditor's loadValidator), not in the page's first-load JS.
 */
import { programDefinitionSchema } from "@/lib/program/program-schema";
import { formatPath } from "@/lib/scanner/format-zod-error";
import { type Draft, type Issues, toDocument } from "./draft";

/** Field path → the schema's message, the first one per field. */
export function validate(draft: Draft): Issues {
  const parsed = programDefinitionSchema.safeParse(toDocument(draft));
  const issues: Issues = new Map();
  if (parsed.success) return issues;
  for (const issue of parsed.error.issues) {
    const path = formatPath(issue.path);
    if (!issues.has(path)) issues.set(path, issue.message);
  }
  return issues;
}
