/**
 * Building blocks every boundary parser uses, so that text and numbers the database cannot store are refused as
 * a 4xx naming the field instead of failing inside a query as a 500:
 * - PostgreSQL text cannot hold NUL (U+0000), and a lone UTF-16 surrogate has no UTF-8 form (it would be
 *   stored as U+FFFD or refused by the driver);
 * - integer columns are 32-bit.
 */
import { z } from "zod";
import { formatPath } from "@/lib/scanner/format-zod-error";

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// No `u` flag: the match is on UTF-16 code units, which is what makes a lone surrogate visible.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing NUL is the point.
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or null when it can. */
export function unsafeTextReason(value: string): string | null {
  const match = UNSAFE_TEXT.exec(value);
  if (!match) return null;
  return match[0] === "\u0000"
    ? "contains a NUL character (\\u0000)"
    : "contains a lone UTF-16 surrogate (not valid Unicode)";
}

/** A string without NUL or lone surrogates: chain `.trim().min().max()` as on z.string(). */
export const safeText = () =>
  z.string().superRefine((value, ctx) => {
    const reason = unsafeTextReason(value);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/** An integer that fits a PostgreSQL `integer` column. */
export const int32 = () =>
  z
    .number()
    .int()
    .min(INT32_MIN, `must be at least ${INT32_MIN}`)
    .max(INT32_MAX, `must be at most ${INT32_MAX} (a 32-bit integer)`);

/**
 * The path (`a.b[0]`, "(root)" for the value itself) and reason of the first string or object key anywhere in a
 * parsed JSON/YAML value that cannot be stored, or null. Catches what a schema passes through untyped (labels,
 * features, other tools' findings) as well as what it types.
 */
export function findUnsafeText(
  value: unknown,
): { path: PropertyKey[]; field: string; reason: string } | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as (typeof stack)[number];
    if (typeof v === "string") {
      const reason = unsafeTextReason(v);
      if (reason) return { path, field: formatPath(path) || "(root)", reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
    } else if (v && typeof v === "object") {
      for (const [key, child] of Object.entries(v).reverse()) {
        const reason = unsafeTextReason(key);
        if (reason)
          return { path: [...path, key], field: formatPath([...path, key]), reason: `key ${reason}` };
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}
