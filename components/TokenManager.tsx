"use client";

import { useId, useState } from "react";
import { callProjectApi, useProjectMutation } from "@/lib/hooks/use-project-api";

export type TokenRow = {
  id: string;
  name: string;
  scope: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const when = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 16) : "never");

export function TokenManager({ slug, tokens }: { slug: string; tokens: TokenRow[] }) {
  const ids = { name: useId(), scope: useId() };
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const create = useProjectMutation((input: { name: string; scope: string }) =>
    callProjectApi<{ token: { name: string; token: string } }>(
      `/api/v1/projects/${slug}/tokens`,
      "POST",
      input,
    ),
  );
  const revoke = useProjectMutation((id: string) =>
    callProjectApi(`/api/v1/projects/${slug}/tokens/${id}`, "DELETE"),
  );

  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">
        For the CLI and CI:{" "}
        <code>
          npm run rampart -- scan ./k8s --push URL --project {slug} --environment production --token …
        </code>
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          create.mutate(
            { name: String(form.get("name")), scope: String(form.get("scope")) },
            { onSuccess: ({ token }) => setShown(token) },
          );
          e.currentTarget.reset();
        }}
      >
        <div className="field">
          <label htmlFor={ids.name}>Token name</label>
          <input id={ids.name} name="name" required maxLength={100} placeholder="github-actions" />
        </div>
        <div className="field">
          <label htmlFor={ids.scope}>Scope</label>
          <select id={ids.scope} name="scope" defaultValue="ingest">
            <option value="ingest">ingest (push scans)</option>
            <option value="read">read</option>
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.isError && (
        <p role="alert" className="alert alert-error">
          {create.error.message}
        </p>
      )}
      {shown && (
        <div role="status" className="alert alert-ok">
          <p>
            Token <strong>{shown.name}</strong>, shown this once. Copy it now:
          </p>
          <code className="secret" data-testid="new-token">
            {shown.token}
          </code>
        </div>
      )}
      <table className="data-table">
        <caption className="visually-hidden">API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Scope</th>
            <th scope="col">Token</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>{t.scope}</td>
              <td>
                <code>{t.prefix}…</code>
              </td>
              <td>{when(t.createdAt)}</td>
              <td>{when(t.lastUsedAt)}</td>
              <td>
                {t.revokedAt ? (
                  `revoked ${when(t.revokedAt)}`
                ) : (
                  <button
                    type="button"
                    className="button"
                    onClick={() => revoke.mutate(t.id)}
                    disabled={revoke.isPending}
                    aria-label={`Revoke token ${t.name}`}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
