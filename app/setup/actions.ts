"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { completeSetup } from "@/lib/server/first-run-setup";
import { firstIssue } from "@/lib/scanner/format-zod-error";

const setupSchema = z.object({
  token: z.string().min(1),
  name: z.string().trim().min(1, "your name is required").max(200),
  email: z.email("a valid email is required"),
  password: z.string().min(12, "the password needs at least 12 characters").max(256),
});

export type SetupState = { error?: string };

/** Creates the first instance admin with the one-time setup token, then sends them to sign in. */
export async function completeSetupAction(_state: SetupState, form: FormData): Promise<SetupState> {
  const parsed = setupSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: firstIssue(parsed.error).message };
  const { token, ...admin } = parsed.data;
  try {
    await completeSetup(token, admin);
  } catch (err) {
    return { error: err instanceof Error ? err.message : "setup failed" };
  }
  redirect("/sign-in?setup=done&returnTo=/");
}
