import type { z } from "zod";

/** `workloads[3].controls.foo` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    const name = String(key);
    return out ? `${out}.${name}` : name;
  }, "");
}

/** The first issue of a zod error as `{ field, message }`, for 4xx bodies and CLI errors. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: formatPath(issue?.path ?? []) || "(root)", message: issue?.message ?? "invalid" };
}
