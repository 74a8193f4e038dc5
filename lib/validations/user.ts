import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password-length";
import { safeText } from "./safe-text";

/** Body of POST /api/v1/users (instance admins). */
export const createUserSchema = z
  .object({
    email: z.email("expected an email address").max(254),
    name: safeText().trim().min(1, "name is required").max(200, "at most 200 characters"),
    password: safeText()
      .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(128, "at most 128 characters"),
    instanceAdmin: z.boolean().optional(),
  })
  .strict();

export type CreateUserBody = z.infer<typeof createUserSchema>;
