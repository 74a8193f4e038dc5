/**
 * The one way Rampart names a field in a validation error: `workloads[3].controls.foo`, with keys that are not
 * plain identifiers quoted (`labels["app.kubernetes.io/name"]`) so a dotted label key cannot be misread as a path.
 * The scanner, importers, program parser, CLI and HTTP edge all format zod errors through here.
 */
import type { z } from "zod";

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** The issue path as `a.b[0].c`; "" for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else {
      const name = String(key);
      if (!PLAIN_KEY.test(name)) out += `[${JSON.stringify(name)}]`;
      else out += out ? `.${name}` : name;
    }
  }
  return out;
}

/** The first issue of a zod error as `{ field, message }`, for 4xx bodies and CLI errors. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: formatPath(issue?.path ?? []) || "(root)", message: issue?.message ?? "invalid" };
}

/** Every issue as a `file: path.to.field: message` line. */
export function formatZodError(file: string, error: z.ZodError): string {
  return error.issues.map((i) => `${file}: ${formatPath(i.path) || "(root)"}: ${i.message}`).join("\n");
}
