import { z } from "zod";
import { safeText } from "./safe-text";

export const createTokenSchema = z.object({
  name: safeText().trim().min(1).max(100),
  scope: z.enum(["ingest", "read"]),
  // A token that is expired at birth is a mistake (a wrong year, a past date), never what the caller meant.
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((value) => Date.parse(value) > Date.now(), "must be in the future")
    .optional(),
});

export const setMembershipSchema = z.object({
  email: z.email(),
  role: z.enum(["viewer", "editor", "admin"]).nullable(),
});
