import type { Metadata } from "next";
import { SignInForm } from "@/components/SignInForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  const { returnTo } = await searchParams;
  return (
    <>
      <h1>Sign in</h1>
      <p className="muted">Accounts are created by your Rampart administrator.</p>
      <SignInForm returnTo={returnTo} oidc={Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID)} />
    </>
  );
}
