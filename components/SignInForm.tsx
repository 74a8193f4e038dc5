"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { authClient, signInWithOidc } from "@/lib/auth/auth-client";
import { safeReturnTo } from "@/lib/http/safe-return-to";

export function SignInForm({ returnTo, oidc }: { returnTo?: string; oidc: boolean }) {
  const router = useRouter();
  const ids = { email: useId(), password: useId() };
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error: failed } = await authClient.signIn.email({
      email: String(form.get("email")),
      password: String(form.get("password")),
    });
    setPending(false);
    if (failed) {
      setError(
        failed.status === 429
          ? "Too many sign-in attempts: wait a few minutes and try again."
          : failed.status === 403
            ? "This account is disabled: ask your Rampart administrator."
            : "Wrong email or password.",
      );
      return;
    }
    router.replace(safeReturnTo(returnTo));
    router.refresh();
  }

  return (
    <form className="card auth-form" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={ids.email}>Email</label>
        <input id={ids.email} name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>Password</label>
        <input id={ids.password} name="password" type="password" autoComplete="current-password" required />
      </div>
      {error && (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {oidc && (
        <button type="button" className="button" onClick={() => signInWithOidc(safeReturnTo(returnTo))}>
          Sign in with single sign-on
        </button>
      )}
    </form>
  );
}
