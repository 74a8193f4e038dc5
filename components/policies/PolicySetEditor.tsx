"use client";

import { useEffect, useId, useState } from "react";
import styles from "@/components/exceptions/Exceptions.module.css";
import { FormFooter } from "@/components/FormFooter";
import { TableScroll } from "@/components/TableScroll";
import { callProjectApi, ProjectApiError, useProjectMutation } from "@/lib/hooks/use-project-api";

export type PolicyEntry = { name: string; source: string; text: string; hash: string; policies: string[] };

type Draft = { name: string; source: string; text: string };

/**
 * The name's schema comes with the policy text's (zod and the yaml parser, about 60 kB gzipped): loaded when a form
 * opens, not with the page, and awaited by a submit that comes first.
 */
const loadNameSchema = () => import("@/lib/validations/program-policy").then((m) => m.policyNameSchema);

/**
 * Adds an entry to the program's policy set (YAML pasted or loaded from a file) or replaces one's text, through
 * PUT /api/v1/projects/{slug}/policies/{name}; the server validates the YAML and names the offending field and
 * line, which is marked here. Nothing is stored until it accepts the text.
 */
export function PolicyForm({
  slug,
  replacing,
  onDone,
}: {
  slug: string;
  /** The entry whose text is replaced (its name is kept); absent: a new entry. */
  replacing?: PolicyEntry;
  onDone: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(
    replacing
      ? { name: replacing.name, source: replacing.source, text: replacing.text }
      : { name: "", source: "", text: "" },
  );
  const [nameError, setNameError] = useState<string | null>(null);
  const save = useProjectMutation((d: Draft) =>
    callProjectApi(`/api/v1/projects/${slug}/policies/${encodeURIComponent(d.name)}`, "PUT", {
      text: d.text,
      ...(d.source.trim() ? { source: d.source.trim() } : {}),
    }),
  );
  const errorField = save.error instanceof ProjectApiError ? save.error.field : undefined;
  const invalid = (field: string) => (errorField === field ? true : undefined);
  const title = replacing ? `Replace ${replacing.name}` : "Add a policy";
  useEffect(() => {
    loadNameSchema().catch(() => {}); // a submit loads it again and says so if it still fails
  }, []);

  return (
    <form
      className={`card ${styles.form}`}
      aria-label={title}
      onSubmit={async (e) => {
        e.preventDefault();
        let policyNameSchema: Awaited<ReturnType<typeof loadNameSchema>>;
        try {
          policyNameSchema = await loadNameSchema();
        } catch (err) {
          setNameError(`the form's checks could not be loaded: ${(err as Error).message}`);
          return;
        }
        const name = policyNameSchema.safeParse(draft.name);
        setNameError(name.success ? null : `Name: ${name.error.issues[0]?.message ?? "invalid"}`);
        if (name.success) save.mutate(draft, { onSuccess: onDone });
      }}
    >
      <h3>{title}</h3>
      <div className={styles.formGrid}>
        {replacing ? null : (
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              value={draft.name}
              required
              placeholder="trusted-registry"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={`${id}-name-help`}
              onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
            />
            <span id={`${id}-name-help`} className="muted">
              Lower-case letters, digits, dots and dashes
            </span>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-source`}>Source (optional)</label>
          <input
            id={`${id}-source`}
            value={draft.source}
            placeholder="policies/trusted-registry.yaml"
            aria-invalid={invalid("source")}
            onChange={(e) => setDraft((d) => ({ ...d, source: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>Load a YAML file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".yaml,.yml,text/yaml"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              const text = await file.text();
              setDraft((d) => ({ ...d, text, source: d.source || file.name }));
            }}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>
          YAML: ValidatingAdmissionPolicy, its bindings and parameter objects
        </label>
        <textarea
          id={`${id}-text`}
          rows={14}
          value={draft.text}
          required
          spellCheck={false}
          aria-invalid={invalid("text")}
          onChange={(e) => setDraft((d) => ({ ...d, text: e.target.value }))}
        />
      </div>
      <FormFooter
        error={nameError ?? save.error?.message}
        pending={save.isPending}
        submitLabel={replacing ? "Replace" : "Add policy"}
        onCancel={onDone}
        className={styles.formActions}
      />
    </form>
  );
}

/** The stored policy set: editors add, replace and delete entries; viewers read. */
export function PolicySetEditor({
  slug,
  entries,
  canEdit,
}: {
  slug: string;
  entries: readonly PolicyEntry[];
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useProjectMutation((name: string) =>
    callProjectApi(`/api/v1/projects/${slug}/policies/${encodeURIComponent(name)}`, "DELETE"),
  );
  return (
    <div className={styles.manager}>
      {canEdit && editing === "" ? (
        <PolicyForm slug={slug} onDone={() => setEditing(null)} />
      ) : canEdit ? (
        <div>
          <button type="button" className="button button-primary" onClick={() => setEditing("")}>
            Add a policy
          </button>
        </div>
      ) : null}
      {entries.length === 0 ? (
        <p className="card muted">
          The program stores no policy yet. {canEdit ? "Add one: paste" : "An editor can add one: paste"} or
          load the YAML of a ValidatingAdmissionPolicy with its binding. Stored policies are evaluated on
          every upload of manifests; policies found in scanned files are evaluated too.
        </p>
      ) : (
        <TableScroll>
          <table className="data-table">
            <caption className="visually-hidden">Stored policy set</caption>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Source</th>
                <th scope="col">Policies</th>
                <th scope="col">Text hash</th>
                {canEdit ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.name}>
                  <th scope="row">{e.name}</th>
                  <td>{e.source}</td>
                  <td>{e.policies.map((p) => `vap:${p}`).join(", ") || "none"}</td>
                  <td>
                    <code title={e.hash}>{e.hash.slice(0, 19)}…</code>
                  </td>
                  {canEdit ? (
                    <td>
                      <div className={styles.formActions}>
                        <button
                          type="button"
                          className="button"
                          aria-label={`Replace ${e.name}`}
                          onClick={() => setEditing(e.name)}
                        >
                          Replace
                        </button>
                        {confirming === e.name ? (
                          <button
                            type="button"
                            className="button button-danger"
                            disabled={remove.isPending}
                            onClick={() => remove.mutate(e.name, { onSuccess: () => setConfirming(null) })}
                          >
                            Delete {e.name} for good
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="button"
                            aria-label={`Delete ${e.name}`}
                            onClick={() => setConfirming(e.name)}
                          >
                            Delete
                          </button>
                        )}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {remove.error ? (
        <p role="alert" className="alert alert-error">
          Not deleted: {remove.error.message}
        </p>
      ) : null}
      {canEdit && editing
        ? entries
            .filter((e) => e.name === editing)
            .map((e) => <PolicyForm key={e.name} slug={slug} replacing={e} onDone={() => setEditing(null)} />)
        : null}
    </div>
  );
}
