/** The exceptions file (apiVersion rampart.io/v1, kind ExceptionList): documented, owned, expiring waivers. */
import { z } from "zod";
import { CONTROLS_BY_ID } from "./controls/index.ts";
import {
  parseConfigFile,
  type SelectableWorkload,
  selectorMatches,
  workloadSelectorSchema,
} from "./selectors.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` (a YAML timestamp is accepted too and normalised). */
export const dateSchema = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .regex(DATE, "expected a date YYYY-MM-DD")
    .refine(
      (s) =>
        !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      "not a valid calendar date",
    ),
);

export const exceptionSchema = z
  .object({
    selector: workloadSelectorSchema.default({}),
    control: z.string().refine((id) => CONTROLS_BY_ID.has(id), { message: "unknown control id" }),
    justification: z.string().trim().min(1, "justification is required"),
    owner: z.string().trim().min(1, "owner is required"),
    expires: dateSchema.optional(),
  })
  .strict();

export const exceptionListSchema = z
  .object({
    apiVersion: z.literal("rampart.io/v1"),
    kind: z.literal("ExceptionList"),
    exceptions: z.array(exceptionSchema).default([]),
  })
  .strict();

export type ExceptionEntry = z.infer<typeof exceptionSchema>;
export type ExceptionList = z.infer<typeof exceptionListSchema>;

/** Parses and validates an exceptions file. Throws RampartConfigError naming the file and the field. */
export function parseExceptionList(text: string, file = "exceptions.yaml"): ExceptionList {
  return parseConfigFile(exceptionListSchema, text, file);
}

/** An exception is valid through the end of its `expires` day (UTC). */
export function isExpired(e: ExceptionEntry, now: Date): boolean {
  if (!e.expires) return false;
  return now.getTime() >= Date.parse(`${e.expires}T00:00:00Z`) + 86_400_000;
}

export interface ExceptionMatch {
  active?: ExceptionEntry;
  expired?: ExceptionEntry;
}

/** First unexpired matching exception wins; otherwise the first expired one is reported. */
export function findException(
  list: readonly ExceptionEntry[],
  control: string,
  w: SelectableWorkload,
  now: Date,
): ExceptionMatch {
  let expired: ExceptionEntry | undefined;
  for (const e of list) {
    if (e.control !== control || !selectorMatches(e.selector, w)) continue;
    if (!isExpired(e, now)) return { active: e };
    expired ??= e;
  }
  return { expired };
}
