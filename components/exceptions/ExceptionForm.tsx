"use client";

import { useId, useState } from "react";
import { FormFooter } from "@/components/FormFooter";
import { callProjectApi, ProjectApiError, useProjectMutation } from "@/lib/hooks/use-project-api";
import styles from "./Exceptions.module.css";

export type ExceptionDraft = {
  control: string;
  kind: string;
  namespace: string;
  name: string;
  environment: string;
  justification: string;
  owner: string;
  expires: string;
};

export const EMPTY_DRAFT: ExceptionDraft = {
  control: "",
  kind: "",
  namespace: "",
  name: "",
  environment: "",
  justification: "",
  owner: "",
  expires: "",
};

const KINDS = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet"];

/**
 * Adds an exception (no `exceptionId`) or replaces every field of one. The server validates (zod) and answers
 * with the offending field, which is marked here; nothing is stored until it accepts the whole exception.
 */
export function ExceptionForm({
  slug,
  exceptionId,
  initial,
  controls,
  environments,
  onDone,
}: {
  slug: string;
  exceptionId?: string;
  initial: ExceptionDraft;
  controls: readonly { id: string; title: string }[];
  environments: readonly string[];
  onDone: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const save = useProjectMutation((d: ExceptionDraft) =>
    callProjectApi(
      exceptionId
        ? `/api/v1/projects/${slug}/exceptions/${encodeURIComponent(exceptionId)}`
        : `/api/v1/projects/${slug}/exceptions`,
      exceptionId ? "PATCH" : "POST",
      {
        selector: { kind: d.kind.trim(), namespace: d.namespace.trim(), name: d.name.trim() },
        control: d.control,
        justification: d.justification,
        owner: d.owner,
        expires: d.expires || null,
        environment: d.environment || null,
      },
    ),
  );
  const errorField = save.error instanceof ProjectApiError ? save.error.field : undefined;
  const invalid = (field: string) => (errorField === field ? true : undefined);
  const set = (key: keyof ExceptionDraft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const title = exceptionId ? "Edit the exception" : "Add an exception";

  return (
    <form
      className={`card ${styles.form}`}
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(draft, { onSuccess: onDone });
      }}
    >
      <h3>{title}</h3>
      <div className={styles.formGrid}>
        <div className="field">
          <label htmlFor={`${id}-control`}>Control</label>
          <select
            id={`${id}-control`}
            required
            value={draft.control}
            onChange={set("control")}
            aria-invalid={invalid("control")}
          >
            <option value="">Choose a control…</option>
            {controls.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({c.id})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-environment`}>Environment</label>
          <select id={`${id}-environment`} value={draft.environment} onChange={set("environment")}>
            <option value="">Every environment</option>
            {environments.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <input
            id={`${id}-kind`}
            list={`${id}-kinds`}
            placeholder="any"
            maxLength={63}
            value={draft.kind}
            onChange={set("kind")}
            aria-invalid={invalid("selector.kind")}
          />
          <datalist id={`${id}-kinds`}>
            {KINDS.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${id}-namespace`}>Namespace</label>
          <input
            id={`${id}-namespace`}
            placeholder="any (* globs allowed)"
            maxLength={253}
            value={draft.namespace}
            onChange={set("namespace")}
            aria-invalid={invalid("selector.namespace")}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Workload name</label>
          <input
            id={`${id}-name`}
            placeholder="any (* globs allowed)"
            maxLength={253}
            value={draft.name}
            onChange={set("name")}
            aria-invalid={invalid("selector.name")}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <input
            id={`${id}-owner`}
            required
            maxLength={200}
            placeholder="platform-team"
            value={draft.owner}
            onChange={set("owner")}
            aria-invalid={invalid("owner")}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-expires`}>Expires (end of day, UTC)</label>
          <input
            id={`${id}-expires`}
            type="date"
            value={draft.expires}
            onChange={set("expires")}
            aria-invalid={invalid("expires")}
            aria-describedby={`${id}-expires-hint`}
          />
          <span id={`${id}-expires-hint`} className="muted">
            Empty: never expires.
          </span>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-justification`}>Justification</label>
        <textarea
          id={`${id}-justification`}
          required
          rows={3}
          maxLength={4000}
          placeholder="Why the control cannot be met, and what mitigates it"
          value={draft.justification}
          onChange={set("justification")}
          aria-invalid={invalid("justification")}
        />
      </div>
      <FormFooter
        error={save.error?.message}
        pending={save.isPending}
        submitLabel={exceptionId ? "Save changes" : "Add exception"}
        onCancel={onDone}
        className={styles.formActions}
      />
    </form>
  );
}
