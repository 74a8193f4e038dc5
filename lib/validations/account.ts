import { z } from "zod";
import { safeText } from "./safe-text";
import { MIN_PASSWORD_LENGTH } from "./password-length";

const newPassword = safeText()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(128, "at most 128 characters");

/** Body of PUT /api/v1/account/password (the signed-in user). */
export const changePasswordSchema = z
  .object({ currentPassword: safeText().min(1, "your current password is required").max(128), newPassword })
  .strict();

/** Body of PUT /api/v1/users/{userId}/password (instance admins). */
export const resetPasswordSchema = z.object({ password: newPassword }).strict();

/** Body of PATCH /api/v1/users/{userId} (instance admins). */
export const updateUserSchema = z.object({ disabled: z.boolean() }).strict();
