/** Workload selectors used by the exceptions file and the project config. */
import { parse } from "yaml";
import { z } from "zod";
import { formatZodError } from "./format-zod-error.ts";
import { globMatch } from "./util.ts";

export const workloadSelectorSchema = z
  .object({
    kind: z.string().min(1).optional().describe("Exact kind or a * glob"),
    namespace: z.string().min(1).optional().describe("Namespace or a * glob"),
    name: z.string().min(1).optional().describe("Name or a * glob"),
    labels: z
      .record(z.string(), z.string())
      .optional()
      .describe("Every label must be present with this value"),
  })
  .strict();

export type WorkloadSelector = z.infer<typeof workloadSelectorSchema>;

export interface SelectableWorkload {
  kind: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
}

export function selectorMatches(sel: WorkloadSelector, w: SelectableWorkload): boolean {
  if (sel.kind !== undefined && !globMatch(sel.kind, w.kind)) return false;
  if (sel.namespace !== undefined && !globMatch(sel.namespace, w.namespace)) return false;
  if (sel.name !== undefined && !globMatch(sel.name, w.name)) return false;
  if (sel.labels) {
    for (const [k, v] of Object.entries(sel.labels)) if (w.labels[k] !== v) return false;
  }
  return true;
}

/** Thrown for an invalid exceptions or config file; the message names the file and the field. */
export class RampartConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RampartConfigError";
  }
}

/** Parses a YAML config file (exceptions, rampart.yaml) and validates it; errors name the file and the field. */
export function parseConfigFile<T extends z.ZodType>(schema: T, text: string, file: string): z.infer<T> {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    throw new RampartConfigError(
      `${file}: invalid YAML: ${e instanceof Error ? e.message.split("\n")[0] : e}`,
    );
  }
  const r = schema.safeParse(data);
  if (!r.success) throw new RampartConfigError(formatZodError(file, r.error));
  return r.data;
}
