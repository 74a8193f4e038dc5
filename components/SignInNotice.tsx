import { findAnyAccount } from "@/lib/server/find-any-account";

/**
 * What the sign-in page says above its form: where the first account comes from while none exists (the setup
 * link the server prints), and the confirmation after the setup page created the admin.
 */
export async function SignInNotice({ setupDone }: { setupDone: boolean }) {
  if (!(await findAnyAccount())) {
    return (
      <p role="status" className="alert alert-error">
        No account exists yet. The server printed a one-time setup link on its console (
        <code>…/setup?token=…</code>, printed again at each start): open it to create the administrator.
      </p>
    );
  }
  return setupDone ? (
    <p role="status" className="alert alert-ok">
      Admin account created: sign in with it.
    </p>
  ) : null;
}
