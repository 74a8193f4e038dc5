"use client";

import { useId } from "react";
import { callProjectApi, useProjectMutation } from "@/lib/hooks/use-project-api";

export type MemberRow = { email: string; name: string; role: string };

export function MemberManager({ slug, members }: { slug: string; members: MemberRow[] }) {
  const ids = { email: useId(), role: useId() };
  const setRole = useProjectMutation((input: { email: string; role: string | null }) =>
    callProjectApi(`/api/v1/projects/${slug}/members`, "PUT", input),
  );
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          setRole.mutate({ email: String(form.get("email")), role: String(form.get("role")) });
        }}
      >
        <div className="field">
          <label htmlFor={ids.email}>Account email</label>
          <input id={ids.email} name="email" type="email" required />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>Role</label>
          <select id={ids.role} name="role" defaultValue="viewer">
            <option value="viewer">viewer (read)</option>
            <option value="editor">editor (tick, edit, upload)</option>
            <option value="admin">admin (members, tokens, settings)</option>
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={setRole.isPending}>
          Add or change
        </button>
      </form>
      {setRole.isError && (
        <p role="alert" className="alert alert-error">
          {setRole.error.message}
        </p>
      )}
      <table className="data-table">
        <caption className="visually-hidden">Members</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.email}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>{m.role}</td>
              <td>
                <button
                  type="button"
                  className="button"
                  onClick={() => setRole.mutate({ email: m.email, role: null })}
                  aria-label={`Remove ${m.email}`}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
