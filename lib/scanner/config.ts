/** The project config file (rampart.yaml, apiVersion rampart.io/v1, kind ProjectConfig). */
import { z } from "zod";
import { PATTERN_IDS } from "./patterns.ts";
import {
  parseConfigFile,
  type SelectableWorkload,
  selectorMatches,
  workloadSelectorSchema,
} from "./selectors.ts";

export const projectConfigSchema = z
  .object({
    apiVersion: z.literal("rampart.io/v1"),
    kind: z.literal("ProjectConfig"),
    categories: z
      .array(
        z
          .object({
            name: z.string().trim().min(1),
            selectors: z.array(workloadSelectorSchema).min(1),
          })
          .strict(),
      )
      .default([]),
    patterns: z
      .array(
        z
          .object({
            selector: workloadSelectorSchema,
            pattern: z.enum(PATTERN_IDS),
          })
          .strict(),
      )
      .default([]),
    /** Pod templates inside custom resources the scanner does not know: apiVersion/kind → paths. */
    podTemplates: z
      .array(
        z
          .object({
            apiVersion: z
              .string()
              .trim()
              .min(1)
              .describe("group/version; every version of the group matches"),
            kind: z.string().trim().min(1),
            paths: z
              .array(
                z
                  .string()
                  .regex(
                    /^(\.|[^.\s]+(\.[^.\s]+)*)$/,
                    'a dotted path like "spec.template" or "spec.workers.*.template"',
                  ),
              )
              .min(1),
            replicated: z
              .boolean()
              .optional()
              .describe("long-running replicas: the PodDisruptionBudget control applies"),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type ProjectConfig = z.infer<typeof projectConfigSchema>;

export const UNCATEGORISED = "Uncategorised";
export const PART_OF_LABEL = "app.kubernetes.io/part-of";

export function parseProjectConfig(text: string, file = "rampart.yaml"): ProjectConfig {
  return parseConfigFile(projectConfigSchema, text, file);
}

/** First matching category wins; then the app.kubernetes.io/part-of label; else "Uncategorised". */
export function categorise(
  config: ProjectConfig | undefined,
  w: SelectableWorkload,
  podLabels: Record<string, string>,
): string {
  for (const c of config?.categories ?? []) {
    if (c.selectors.some((s) => selectorMatches(s, w))) return c.name;
  }
  return w.labels[PART_OF_LABEL] || podLabels[PART_OF_LABEL] || UNCATEGORISED;
}

export function configPattern(config: ProjectConfig | undefined, w: SelectableWorkload) {
  return config?.patterns.find((p) => selectorMatches(p.selector, w))?.pattern;
}
