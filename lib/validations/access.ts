import { z } from "zod";

export const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(["ingest", "read"]),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

export const setMembershipSchema = z.object({
  email: z.email(),
  role: z.enum(["viewer", "editor", "admin"]).nullable(),
});
