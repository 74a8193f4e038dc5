"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { addDays } from "@/lib/program/dates";
import { ProjectApiError } from "@/lib/hooks/use-project-api";
import {
  type CoreControls,
  controlChoices,
  type Draft,
  type Issues,
  issuesFromResponse,
  newPhase,
  newProgramDraft,
  type Path,
  type ProjectInfo,
  setIn,
  today,
  toDocument,
  withProject,
} from "./draft";
import { NumberField } from "./Fields";
import { PhaseEditor } from "./PhaseEditor";
import styles from "./RoadmapEditor.module.css";
import { EditorContext, type EditorContextValue } from "./use-editor";

type Saved = { created: boolean; phases: number; periods: number; workStreams: number; milestones: number };

type Validate = (draft: Draft) => Issues;

let validator: Promise<Validate> | undefined;

/**
 * The schema check (validate.ts, with zod) in its own chunk: fetched once the editor shows, awaited by a save that
 * comes first. A failed fetch is not kept, so the next save tries again.
 */
function loadValidator(): Promise<Validate> {
  validator ??= import("./validate").then(
    (m) => m.validate,
    (err: unknown) => {
      validator = undefined;
      throw err;
    },
  );
  return validator;
}

const programUrl = (slug: string) => `/api/v1/projects/${encodeURIComponent(slug)}/program`;

/** The program file as JSON (GET …/program); a program without a roadmap has no phases. */
async function loadProgram(slug: string): Promise<Draft> {
  const response = await fetch(programUrl(slug), { headers: { accept: "application/json" } });
  const json = (await response.json().catch(() => ({}))) as Draft & { error?: string; field?: string };
  if (!response.ok) throw new ProjectApiError(json.error ?? `HTTP ${response.status}`, json.field);
  return json;
}

/** Saves through the import path (PUT …/program): the same parser, schema, messages and audit as a YAML file. */
async function saveProgram(slug: string, draft: Draft): Promise<Saved> {
  const response = await fetch(programUrl(slug), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(toDocument(draft)),
  });
  const json = (await response.json().catch(() => ({}))) as {
    roadmap?: Saved;
    error?: string;
    field?: string;
  };
  if (!response.ok || !json.roadmap)
    throw new ProjectApiError(json.error ?? `HTTP ${response.status}`, json.field);
  return json.roadmap;
}

/**
 * The roadmap as a form (editors): phases with dates, periods, work streams, milestones, exit criteria and metrics.
 * It edits the program file that GET …/program exports and saves it with PUT …/program, so an edit here and a YAML
 * import are validated, recorded and audited alike; a refusal is shown beside the field it names.
 */
export function RoadmapEditor({
  slug,
  project,
  coreControls,
  customControls,
}: {
  slug: string;
  project: ProjectInfo;
  /** The built-in control ids (program-schema's CORE_CONTROL_IDS). */
  coreControls: CoreControls;
  /** The program's custom controls (vap:<policy>) seen in its policy set and scans. */
  customControls: readonly string[];
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const loaded = useQuery({ queryKey: ["program", slug], queryFn: () => loadProgram(slug) });
  const [edited, setEdited] = useState<Draft | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<Issues>(new Map());
  const [check, setCheck] = useState<Validate | null>(null);
  useEffect(() => {
    let live = true;
    loadValidator().then(
      (fn) => live && setCheck(() => fn),
      () => {}, // a save fetches it again and says so if it still fails
    );
    return () => {
      live = false;
    };
  }, []);
  const save = useMutation({
    mutationFn: (d: Draft) => saveProgram(slug, d),
    onSuccess: () => {
      setServerIssues(new Map());
      queryClient.invalidateQueries({ queryKey: ["program", slug] });
      router.refresh();
    },
    onError: (err) =>
      setServerIssues(
        issuesFromResponse(err.message, err instanceof ProjectApiError ? err.field : undefined),
      ),
  });

  const fromServer = loaded.data && loaded.data.phases.length > 0 ? withProject(loaded.data, project) : null;
  const draft = edited ?? fromServer;
  const issues = useMemo(() => {
    const all: Issues = attempted && draft && check ? check(draft) : new Map();
    for (const [k, v] of serverIssues) if (!all.has(k)) all.set(k, v);
    return all;
  }, [attempted, draft, check, serverIssues]);

  if (loaded.isPending) return <p role="status">Loading the roadmap…</p>;
  if (loaded.isError) {
    return (
      <p role="alert" className="alert alert-error">
        The roadmap could not be loaded: {loaded.error.message}
      </p>
    );
  }
  if (!draft) {
    return (
      <div className="card">
        <p>
          This program has no roadmap yet. Start from one phase of four weeks with a period per week, then
          edit it.
        </p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setEdited(newProgramDraft(project, today(), coreControls))}
        >
          Create roadmap
        </button>
      </div>
    );
  }

  const context: EditorContextValue = {
    draft,
    update: (path: Path, value: unknown) => setEdited((d) => setIn(d ?? draft, path, value)),
    change: (fn) => setEdited((d) => fn(d ?? draft)),
    issues,
    environments: draft.environments.map((e) => e.name),
    controls: controlChoices(draft, coreControls, customControls),
  };

  return (
    <EditorContext.Provider value={context}>
      <form
        className={styles.editor}
        aria-label="Roadmap editor"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          let validate: Validate;
          try {
            validate = await loadValidator();
          } catch (err) {
            setServerIssues(
              new Map([["", `The form's checks could not be loaded: ${(err as Error).message}`]]),
            );
            return;
          }
          setCheck(() => validate);
          setAttempted(true);
          setServerIssues(new Map());
          if (validate(draft).size === 0) save.mutate(draft);
        }}
      >
        <fieldset className={styles.group}>
          <legend>Maturity over the whole program</legend>
          <div className={styles.row}>
            <NumberField label="Baseline (%)" path={["maturity", "baseline"]} min={0} max={100} scale={100} />
            <NumberField label="Target (%)" path={["maturity", "target"]} min={0} max={100} scale={100} />
          </div>
          <p className="muted">
            Environments: {context.environments.join(", ")} (edited in{" "}
            <Link href={`/projects/${slug}/settings`}>Settings</Link>).
          </p>
        </fieldset>

        {draft.phases.map((_phase, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an item's id is edited in place; fields keep no state of their own
          <PhaseEditor key={i} phaseIndex={i} />
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            context.change((d) => {
              const last = d.phases.at(-1);
              const start = last ? addDays(last.end, 1) : today();
              return { ...d, phases: [...d.phases, newPhase(d, start, coreControls)] };
            })
          }
        >
          Add phase
        </button>

        {issues.size > 0 && (
          <div role="alert" className="alert alert-error">
            <p>Not saved: {issues.size} problem(s), marked beside their fields.</p>
            <ul>
              {[...issues].map(([path, message]) => (
                <li key={path}>
                  {path ? <code>{path}</code> : null} {message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {save.isSuccess && issues.size === 0 && (
          <p role="status" className="alert alert-ok">
            Roadmap saved: {save.data.phases} phase(s), {save.data.periods} period(s), {save.data.workStreams}{" "}
            work stream(s), {save.data.milestones} milestone(s).{" "}
            <Link href={`/projects/${slug}/roadmap`}>See the roadmap</Link>
          </p>
        )}
        <div className={styles.actions}>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save roadmap"}
          </button>
          <Link href={`/projects/${slug}/roadmap`} className="button">
            Back to the roadmap
          </Link>
        </div>
      </form>
    </EditorContext.Provider>
  );
}
