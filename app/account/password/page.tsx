import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/ChangePasswordForm";
import { getPageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Change password" };

/** The signed-in user changes their own password; their other sessions end. */
export default async function ChangePasswordPage() {
  const actor = await getPageActor();
  if (actor.kind !== "user") redirect(`/sign-in?returnTo=${encodeURIComponent("/account/password")}`);
  return (
    <>
      <h1>Change password</h1>
      <p className="muted">
        Signed in as {actor.label}. Changing your password signs you out everywhere else: every other browser
        or device using this account has to sign in again.
      </p>
      <ChangePasswordForm />
    </>
  );
}
