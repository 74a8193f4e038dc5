"use client";

import { useActionState, useId } from "react";
import { completeSetupAction, type SetupState } from "@/app/setup/actions";

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<SetupState, FormData>(completeSetupAction, {});
  const ids = { name: useId(), email: useId(), password: useId() };
  return (
    <form action={action} className="card auth-form">
      <input type="hidden" name="token" value={token} />
      <div className="field">
        <label htmlFor={ids.name}>Your name</label>
        <input id={ids.name} name="name" required autoComplete="name" />
      </div>
      <div className="field">
        <label htmlFor={ids.email}>Email</label>
        <input id={ids.email} name="email" type="email" required autoComplete="username" />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>Password (at least 12 characters)</label>
        <input
          id={ids.password}
          name="password"
          type="password"
          minLength={12}
          required
          autoComplete="new-password"
        />
      </div>
      {state.error && (
        <p role="alert" className="alert alert-error">
          {state.error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={pending}>
        Create the administrator
      </button>
    </form>
  );
}
