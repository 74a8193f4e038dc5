/** Turns a zod failure into an ImportError whose message names the field path. */
import type { z } from "zod";
import { formatPath } from "../scanner/format-zod-error.ts";
import { ImportError } from "./types.ts";

function describeValue(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** Parses `input` with `schema`, or throws ImportError "<what>: <path>: expected X, got Y". */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = formatPath(issue.path) || "(root)";
  let detail: string;
  if (issue.code === "invalid_type") {
    const got = describeValue(valueAt(input, issue.path));
    detail =
      got === "missing"
        ? `expected ${issue.expected} (required field missing)`
        : `expected ${issue.expected}, got ${got}`;
  } else if (issue.code === "invalid_value") {
    detail = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(valueAt(input, issue.path))}`;
  } else detail = issue.message;
  const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more problem(s))` : "";
  throw new ImportError(`${what}: ${path}: ${detail}${more}`, path);
}
