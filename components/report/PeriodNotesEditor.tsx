"use client";

import { useId, useState } from "react";
import { callProjectApi, useProjectMutation } from "@/lib/hooks/use-project-api";
import styles from "./PeriodNotesEditor.module.css";

/** Key learnings and handoff notes of a roadmap period (Markdown), saved for the report by editors. */
export function PeriodNotesEditor({
  slug,
  periodId,
  keyLearnings,
  handoff,
}: {
  slug: string;
  periodId: string;
  keyLearnings: string;
  handoff: string;
}) {
  const ids = { learnings: useId(), handoff: useId() };
  const [saved, setSaved] = useState(false);
  const save = useProjectMutation((notes: { keyLearnings: string; handoff: string }) =>
    callProjectApi(`/api/v1/projects/${slug}/periods/${encodeURIComponent(periodId)}/notes`, "PATCH", notes),
  );
  return (
    <form
      className={`card ${styles.form}`}
      key={`${periodId}:${keyLearnings}:${handoff}`}
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setSaved(false);
        save.mutate(
          { keyLearnings: String(form.get("keyLearnings")), handoff: String(form.get("handoff")) },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <div className={styles.field}>
        <label htmlFor={ids.learnings}>Key learnings (Markdown)</label>
        <textarea
          id={ids.learnings}
          name="keyLearnings"
          rows={8}
          maxLength={20000}
          defaultValue={keyLearnings}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor={ids.handoff}>Handoff notes (Markdown)</label>
        <textarea id={ids.handoff} name="handoff" rows={8} maxLength={20000} defaultValue={handoff} />
      </div>
      <div>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save notes"}
        </button>
      </div>
      {save.isError ? (
        <p role="alert" className="alert alert-error">
          Could not save: {save.error.message}
        </p>
      ) : null}
      {saved && !save.isPending ? (
        <p role="status" className="alert alert-ok">
          Notes saved.
        </p>
      ) : null}
    </form>
  );
}
