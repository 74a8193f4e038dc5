"use client";

import { useId, useState } from "react";
import { useProjectMutation } from "@/lib/hooks/use-project-api";
import styles from "./ProgramImport.module.css";

type Roadmap = {
  created: boolean;
  periods: number;
  workStreams: number;
  milestones: number;
  exitCriteria: number;
  kept: { milestonesDone: number; milestonesAdded: number; criteriaMet: number; periodNotes: number };
};

/** Sends a program file's text as the body of PUT …/program; the server's line-by-line errors come back as is. */
async function putProgram(slug: string, file: File): Promise<Roadmap> {
  const response = await fetch(`/api/v1/projects/${encodeURIComponent(slug)}/program`, {
    method: "PUT",
    headers: { "content-type": "application/yaml" },
    body: await file.text(),
  });
  const json = (await response.json().catch(() => ({}))) as { roadmap?: Roadmap; error?: string };
  if (!response.ok || !json.roadmap) throw new Error(json.error ?? `HTTP ${response.status}`);
  return json.roadmap;
}

/**
 * Sets the roadmap from a program file (program.yaml, the format of examples/maestro/program.yaml). Editors only;
 * replacing an existing roadmap keeps the ticks, app-added milestones and notes recorded since.
 */
export function ProgramImport({ slug, replacing }: { slug: string; replacing: boolean }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const apply = useProjectMutation((f: File) => putProgram(slug, f));
  return (
    <form
      className="inline-form"
      aria-label={replacing ? "Replace the roadmap" : "Import a roadmap"}
      onSubmit={(e) => {
        e.preventDefault();
        if (file) apply.mutate(file);
      }}
    >
      <div className="field">
        <label htmlFor={inputId}>Program file (program.yaml)</label>
        <input
          id={inputId}
          className={styles.file}
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={!file || apply.isPending}>
        {apply.isPending ? "Applying…" : replacing ? "Replace roadmap" : "Import roadmap"}
      </button>
      {apply.isError && (
        <pre role="alert" className="alert alert-error">
          {apply.error.message}
        </pre>
      )}
      {apply.isSuccess && (
        <p role="status" className="alert alert-ok">
          Roadmap {apply.data.created ? "created" : "replaced"}: {apply.data.periods} periods,{" "}
          {apply.data.workStreams} work streams, {apply.data.milestones} milestones, {apply.data.exitCriteria}{" "}
          exit criteria
          {apply.data.created
            ? "."
            : `; kept ${apply.data.kept.milestonesDone} milestone ticks, ${apply.data.kept.milestonesAdded} added milestones, ${apply.data.kept.criteriaMet} criterion ticks and ${apply.data.kept.periodNotes} periods' notes.`}
        </p>
      )}
    </form>
  );
}
