"use client";

import { useId, useState } from "react";
import { callProjectApi, ProjectApiError, useProjectMutation } from "@/lib/hooks/use-project-api";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/password-length";

type Change = { currentPassword: string; newPassword: string };

/** Current password, new password twice; the server checks the current one and ends the other sessions. */
export function ChangePasswordForm() {
  const id = useId();
  const [mismatch, setMismatch] = useState(false);
  const [ended, setEnded] = useState<number | null>(null);
  const change = useProjectMutation((input: Change) =>
    callProjectApi<{ endedSessions: number }>("/api/v1/account/password", "PUT", input),
  );
  const field = change.error instanceof ProjectApiError ? change.error.field : undefined;
  const invalid = (name: string) => (field === name ? true : undefined);

  return (
    <form
      className="card auth-form"
      aria-label="Change password"
      onSubmit={(e) => {
        e.preventDefault();
        const formElement = e.currentTarget;
        const form = new FormData(formElement);
        const newPassword = String(form.get("newPassword"));
        const repeated = newPassword === String(form.get("repeatPassword"));
        setMismatch(!repeated);
        setEnded(null);
        if (!repeated) return;
        change.mutate(
          { currentPassword: String(form.get("currentPassword")), newPassword },
          {
            onSuccess: ({ endedSessions }) => {
              setEnded(endedSessions);
              formElement.reset();
            },
          },
        );
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-current`}>Current password</label>
        <input
          id={`${id}-current`}
          name="currentPassword"
          type="password"
          required
          autoComplete="current-password"
          aria-invalid={invalid("currentPassword")}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-new`}>New password</label>
        <input
          id={`${id}-new`}
          name="newPassword"
          type="password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          maxLength={128}
          autoComplete="new-password"
          aria-describedby={`${id}-hint`}
          aria-invalid={invalid("newPassword")}
        />
        <span id={`${id}-hint`} className="muted">
          At least {MIN_PASSWORD_LENGTH} characters.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-repeat`}>New password again</label>
        <input
          id={`${id}-repeat`}
          name="repeatPassword"
          type="password"
          required
          autoComplete="new-password"
          aria-invalid={mismatch ? true : undefined}
        />
      </div>
      {mismatch ? (
        <p role="alert" className="alert alert-error">
          The two new passwords differ.
        </p>
      ) : change.isError ? (
        <p role="alert" className="alert alert-error">
          Not changed: {change.error.message}
        </p>
      ) : null}
      {ended !== null && !change.isError ? (
        <p role="status" className="alert alert-ok">
          Password changed.{" "}
          {ended === 0 ? "No other session was open." : `${ended} other session(s) signed out.`}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={change.isPending}>
        Change password
      </button>
    </form>
  );
}
