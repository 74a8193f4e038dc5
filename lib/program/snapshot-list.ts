/**
 * `kind: SnapshotList` (examples/maestro/snapshots.yaml): the demo's manifest snapshots in time order.
 * Pure: the caller reads the file and the snapshot directories.
 */
import { parse } from "yaml";
import { z } from "zod";
import { formatPath } from "../scanner/format-zod-error.ts";
import { formatIssue, type ProgramIssue } from "./parse-program.ts";
import { dateTimeSchema, idSchema } from "./program-schema.ts";

const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), {
    message: "Must be a relative path inside the snapshot",
  });

export const snapshotEntrySchema = z.strictObject({
  /** Directory under snapshots/, e.g. 01-baseline. */
  dir: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: "Must be a single directory name" }),
  takenAt: dateTimeSchema,
  gitRef: z.string().regex(/^[0-9a-f]{7,40}$/, { message: "Must be a git commit id (7-40 hex digits)" }),
  message: z.string().min(1),
  environments: z.array(z.strictObject({ name: idSchema, paths: z.array(relativePath).min(1) })).min(1),
});

export const snapshotListSchema = z
  .strictObject({
    apiVersion: z.literal("rampart.io/v1"),
    kind: z.literal("SnapshotList"),
    snapshots: z.array(snapshotEntrySchema).min(1),
  })
  .superRefine((list, ctx) => {
    const dirs = new Set<string>();
    list.snapshots.forEach((s, i) => {
      if (dirs.has(s.dir))
        ctx.addIssue({ code: "custom", path: ["snapshots", i, "dir"], message: `Duplicate dir "${s.dir}"` });
      dirs.add(s.dir);
      if (i > 0 && Date.parse(s.takenAt) < Date.parse(list.snapshots[i - 1].takenAt)) {
        ctx.addIssue({
          code: "custom",
          path: ["snapshots", i, "takenAt"],
          message: "Snapshots must be in time order",
        });
      }
    });
  });

export type SnapshotList = z.output<typeof snapshotListSchema>;
export type SnapshotEntry = SnapshotList["snapshots"][number];

export type ParseSnapshotListResult =
  | { ok: true; list: SnapshotList }
  | { ok: false; issues: ProgramIssue[]; errors: string[] };

export function parseSnapshotList(text: string, fileName: string): ParseSnapshotListResult {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    const issues = [{ path: "", message: (e as Error).message.split("\n")[0] }];
    return { ok: false, issues, errors: issues.map((i) => formatIssue(fileName, i)) };
  }
  const parsed = snapshotListSchema.safeParse(data);
  if (parsed.success) return { ok: true, list: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  return { ok: false, issues, errors: issues.map((i) => formatIssue(fileName, i)) };
}
