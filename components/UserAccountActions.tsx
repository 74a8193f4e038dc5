"use client";

import { useId, useState } from "react";
import { callProjectApi, useProjectMutation } from "@/lib/hooks/use-project-api";
import type { UserListItem } from "@/lib/server/find-users";
import { NewPasswordInput } from "./NewPasswordInput";

/** An instance admin's actions on one account: disable or enable it, sign it out everywhere, reset its password. */
export function UserAccountActions({ user, self }: { user: UserListItem; self: boolean }) {
  const id = useId();
  const [done, setDone] = useState<string | null>(null);
  const base = `/api/v1/users/${encodeURIComponent(user.id)}`;
  const action = useProjectMutation(
    ({ path, method, body }: { path: string; method: string; body?: unknown; done: string }) =>
      callProjectApi(path, method, body),
  );
  const run = (variables: { path: string; method: string; body?: unknown; done: string }) => {
    setDone(null);
    action.mutate(variables, { onSuccess: () => setDone(variables.done) });
  };

  return (
    <div className="user-actions">
      {self ? null : (
        <button
          type="button"
          className="button"
          disabled={action.isPending}
          onClick={() =>
            run({
              path: base,
              method: "PATCH",
              body: { disabled: !user.disabledAt },
              done: user.disabledAt ? `${user.email} enabled.` : `${user.email} disabled and signed out.`,
            })
          }
        >
          {user.disabledAt ? "Enable" : "Disable"}
        </button>
      )}
      <button
        type="button"
        className="button"
        disabled={action.isPending || user.activeSessions === 0}
        onClick={() =>
          run({ path: `${base}/sessions`, method: "DELETE", done: `${user.email} signed out everywhere.` })
        }
      >
        Sign out everywhere
      </button>
      <details>
        <summary>Reset password</summary>
        <form
          className="inline-form"
          aria-label={`Reset the password of ${user.email}`}
          onSubmit={(e) => {
            e.preventDefault();
            const formElement = e.currentTarget;
            const password = String(new FormData(formElement).get("password"));
            run({
              path: `${base}/password`,
              method: "PUT",
              body: { password },
              done: `New password set for ${user.email}; its sessions ended.`,
            });
            formElement.reset();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-password`}>New password</label>
            <NewPasswordInput id={`${id}-password`} />
          </div>
          <button type="submit" className="button" disabled={action.isPending}>
            Set password
          </button>
        </form>
      </details>
      {action.isError ? (
        <p role="alert" className="alert alert-error">
          {action.error.message}
        </p>
      ) : done ? (
        <p role="status" className="alert alert-ok">
          {done}
        </p>
      ) : null}
    </div>
  );
}
