import { z } from "zod";
import { isCustomControl } from "@/lib/program/program-schema";
import { CONTROLS_BY_ID } from "@/lib/scanner";
import { dateSchema } from "@/lib/scanner/exceptions";
import { safeText } from "./safe-text";

// A selector part is a Kubernetes kind, namespace or name, or a * glob of one (as in the exceptions file).
const kind = safeText()
  .trim()
  .max(63)
  .regex(/^[A-Za-z*]+$/, "expected a kind such as Deployment, or a * glob");
const objectName = safeText()
  .trim()
  .max(253)
  .regex(
    /^[a-z0-9*]([-a-z0-9.*]*[a-z0-9*])?$/,
    "expected a Kubernetes name (lower case, digits, - and .) or a * glob",
  );
/** An empty string means "any" (as an omitted field), so that a form can clear it. */
const part = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([z.literal("").transform(() => null), schema])
    .nullable()
    .optional();

const selectorSchema = z
  .object({ kind: part(kind), namespace: part(objectName), name: part(objectName) })
  .strict()
  .refine((s) => Boolean(s.kind || s.namespace || s.name), {
    message: "give at least a kind, a namespace or a name (use * to mean every one explicitly)",
    path: ["name"],
  });

const control = safeText()
  .trim()
  .refine((id) => CONTROLS_BY_ID.has(id) || isCustomControl(id), {
    message: "unknown control id (expected a built-in control, vap:<policy> or <tool>:<policy>[/<rule>])",
  });
const justification = safeText()
  .trim()
  .min(1, "justification is required")
  .max(4000, "at most 4000 characters");
const owner = safeText().trim().min(1, "owner is required").max(200, "at most 200 characters");
/** `YYYY-MM-DD`: valid through the end of that day (UTC); null: never expires. */
const expires = dateSchema.nullable();
/** An environment's name; null or omitted: every environment of the project. */
const environment = safeText().trim().min(1).max(100).nullable();

/** An exception's text is short: a larger request body is refused (413) before it is parsed. */
export const EXCEPTION_BODY_LIMIT = 16 * 1024;

/** Body of POST /api/v1/projects/{slug}/exceptions. */
export const createExceptionSchema = z
  .object({
    selector: selectorSchema,
    control,
    justification,
    owner,
    expires: expires.optional(),
    environment: environment.optional(),
  })
  .strict();

/** Body of PATCH /api/v1/projects/{slug}/exceptions/{id}: the fields to change. */
export const updateExceptionSchema = z
  .object({
    selector: selectorSchema.optional(),
    control: control.optional(),
    justification: justification.optional(),
    owner: owner.optional(),
    expires: expires.optional(),
    environment: environment.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "give at least one field to change",
    path: ["justification"],
  });

export type CreateExceptionInput = z.infer<typeof createExceptionSchema>;
export type UpdateExceptionInput = z.infer<typeof updateExceptionSchema>;
