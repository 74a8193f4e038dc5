"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { DataTable } from "@/components/DataTable";
import { UserAccountActions } from "@/components/UserAccountActions";
import { callProjectApi, ProjectApiError, useProjectMutation } from "@/lib/hooks/use-project-api";
import type { UserListItem } from "@/lib/server/find-users";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/password-length";
import { NewPasswordInput } from "./NewPasswordInput";

type NewUser = { email: string; name: string; password: string; instanceAdmin: boolean };

/** The account list with each account's actions, and the form that creates one (instance admins). */
export function UserAdmin({ users, selfId }: { users: readonly UserListItem[]; selfId: string }) {
  const id = useId();
  const [created, setCreated] = useState<string | null>(null);
  const create = useProjectMutation((input: NewUser) =>
    callProjectApi<{ user: { email: string } }>("/api/v1/users", "POST", input),
  );
  const field = create.error instanceof ProjectApiError ? create.error.field : undefined;
  const invalid = (name: string) => (field === name ? true : undefined);

  return (
    <>
      <section aria-labelledby="new-user-heading">
        <h2 id="new-user-heading">Create an account</h2>
        <form
          className="inline-form"
          aria-label="Create an account"
          onSubmit={(e) => {
            e.preventDefault();
            const formElement = e.currentTarget;
            const form = new FormData(formElement);
            create.mutate(
              {
                email: String(form.get("email")).trim(),
                name: String(form.get("name")),
                password: String(form.get("password")),
                instanceAdmin: form.get("instanceAdmin") === "on",
              },
              {
                onSuccess: ({ user }) => {
                  setCreated(user.email);
                  formElement.reset();
                },
              },
            );
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              id={`${id}-email`}
              name="email"
              type="email"
              required
              maxLength={254}
              autoComplete="off"
              aria-invalid={invalid("email")}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              name="name"
              required
              maxLength={200}
              autoComplete="off"
              aria-invalid={invalid("name")}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>Initial password</label>
            <NewPasswordInput
              id={`${id}-password`}
              aria-describedby={`${id}-password-hint`}
              aria-invalid={invalid("password")}
            />
            <span id={`${id}-password-hint`} className="muted">
              At least {MIN_PASSWORD_LENGTH} characters.
            </span>
          </div>
          <div className="field">
            <label>
              <input name="instanceAdmin" type="checkbox" /> Instance admin (creates programs and accounts)
            </label>
          </div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            Create account
          </button>
        </form>
        {create.isError ? (
          <p role="alert" className="alert alert-error">
            Not created: {create.error.message}
          </p>
        ) : null}
        {created && !create.isError ? (
          <p role="status" className="alert alert-ok">
            Account {created} created. Add it to a program in the program's Settings.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">Accounts</h2>
        <DataTable
          caption="Accounts"
          hideCaption
          columns={["Email", "Name", "Instance admin", "Status", "Programs", "Created", "Actions"]}
        >
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.email}</th>
              <td>{u.name}</td>
              <td>{u.instanceAdmin ? "yes" : "no"}</td>
              <td>
                {u.disabledAt ? (
                  <strong>disabled since {u.disabledAt.slice(0, 10)}</strong>
                ) : (
                  `active, ${u.activeSessions} session${u.activeSessions === 1 ? "" : "s"}`
                )}
              </td>
              <td>
                {u.memberships.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  u.memberships.map((m, i) => (
                    <span key={m.slug}>
                      {i > 0 ? ", " : ""}
                      <Link href={`/projects/${m.slug}/settings`}>{m.name}</Link> ({m.role})
                    </span>
                  ))
                )}
              </td>
              <td>{u.createdAt.slice(0, 10)}</td>
              <td>
                <UserAccountActions user={u} self={u.id === selfId} />
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </>
  );
}
