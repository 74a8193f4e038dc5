import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/SignInForm";
import { SignInNotice } from "@/components/SignInNotice";
import { safeReturnTo } from "@/lib/http/safe-return-to";
import { getPageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ returnTo?: string | string[]; setup?: string | string[] }>;
}) {
  const query = await searchParams;
  // Checked here and again in the form: only a path on this site is ever followed (no open redirect).
  const returnTo = safeReturnTo(query.returnTo);
  if ((await getPageActor()).kind === "user") redirect(returnTo);
  return (
    <>
      <h1>Sign in</h1>
      <p className="muted">Accounts are created by your Rampart administrator.</p>
      <SignInNotice setupDone={query.setup === "done"} />
      <SignInForm returnTo={returnTo} oidc={Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID)} />
    </>
  );
}
