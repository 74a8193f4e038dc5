"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { callProjectApi } from "@/lib/hooks/use-project-api";
import { DoneOnInput, type DoneOnRange } from "./DoneOnInput";
import styles from "./MilestoneList.module.css";

export type MilestoneItem = {
  id: string;
  title: string;
  week: number;
  /** The roadmap period of its planned week: a tick done outside it says so. */
  period: { label: string; start: string; end: string } | null;
  /** `on`: the day the work was done; `at`/`by`: who recorded it when. */
  done: { on: string; at: string; by: string; note?: string } | null;
};

export type MilestoneStream = { id: string; name: string; milestones: MilestoneItem[] };

type Toggle = { id: string; done: boolean; note: string; doneOn?: string };

/**
 * Each work stream's milestones. Editors tick them (optimistically, rolled back when the server refuses) and add
 * new ones; without `canEdit` the list is read-only.
 */
export function MilestoneList({
  slug,
  streams,
  canEdit,
  doneOnRange,
}: {
  slug: string;
  streams: readonly MilestoneStream[];
  canEdit: boolean;
  /** The days a tick's done-on may take: the phase's start to today (default today). */
  doneOnRange: DoneOnRange;
}) {
  const router = useRouter();
  const initial = () =>
    Object.fromEntries(streams.flatMap((s) => s.milestones.map((m) => [m.id, m.done !== null])));
  const [done, setDone] = useState<Record<string, boolean>>(initial);
  // The server's answer (after router.refresh()) replaces the optimistic state.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-sync only when the server's props change
  useEffect(() => setDone(initial()), [streams]);
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [doneOn, setDoneOn] = useState<Record<string, string>>({});

  const toggle = useMutation({
    mutationFn: ({ id, done: value, note, doneOn: on }: Toggle) =>
      callProjectApi(`/api/v1/projects/${slug}/milestones/${encodeURIComponent(id)}/done`, "PUT", {
        done: value,
        ...(note ? { note } : {}),
        ...(value && on ? { doneOn: on } : {}),
      }),
    onMutate: ({ id, done: value }: Toggle) => {
      const previous = done[id] ?? false;
      setError(null);
      setDone((d) => ({ ...d, [id]: value }));
      return { id, previous };
    },
    onError: (err, _vars, context) => {
      if (context) setDone((d) => ({ ...d, [context.id]: context.previous }));
      setError(err instanceof Error ? err.message : String(err));
    },
    onSuccess: () => router.refresh(),
  });

  return (
    <div className={styles.streams}>
      {error ? (
        <p role="alert" className={styles.error}>
          Could not save: {error}
        </p>
      ) : null}
      {streams.map((s) => (
        <section key={s.id} className={`card ${styles.stream}`} aria-label={`${s.name} milestones`}>
          <h3>
            {s.name}{" "}
            <span className="muted">
              ({s.milestones.filter((m) => done[m.id]).length} of {s.milestones.length} done)
            </span>
          </h3>
          {s.milestones.length === 0 ? <p className="muted">No milestones.</p> : null}
          <ul className={styles.list}>
            {s.milestones.map((m) => (
              <MilestoneRow
                key={m.id}
                m={m}
                checked={done[m.id] ?? false}
                canEdit={canEdit}
                busy={toggle.isPending && toggle.variables?.id === m.id}
                note={notes[m.id] ?? m.done?.note ?? ""}
                onNote={(note) => setNotes((n) => ({ ...n, [m.id]: note }))}
                doneOn={doneOn[m.id] ?? doneOnRange.max}
                doneOnRange={doneOnRange}
                onDoneOn={(on) => setDoneOn((d) => ({ ...d, [m.id]: on }))}
                onToggle={(value) =>
                  toggle.mutate({
                    id: m.id,
                    done: value,
                    note: (notes[m.id] ?? "").trim(),
                    doneOn: doneOn[m.id] ?? doneOnRange.max,
                  })
                }
              />
            ))}
          </ul>
          {canEdit ? <AddMilestoneForm slug={slug} workStream={s} /> : null}
        </section>
      ))}
    </div>
  );
}

function MilestoneRow({
  m,
  checked,
  canEdit,
  busy,
  note,
  onNote,
  doneOn,
  doneOnRange,
  onDoneOn,
  onToggle,
}: {
  m: MilestoneItem;
  checked: boolean;
  canEdit: boolean;
  busy: boolean;
  note: string;
  onNote: (note: string) => void;
  doneOn: string;
  doneOnRange: DoneOnRange;
  onDoneOn: (day: string) => void;
  onToggle: (done: boolean) => void;
}) {
  const id = useId();
  return (
    <li className={styles.item}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={!canEdit}
        aria-busy={busy || undefined}
        onChange={(e) => onToggle(e.target.checked)}
      />
      <div className={styles.body}>
        <label htmlFor={id}>
          {m.title} <span className="muted">(week {m.week})</span>
        </label>
        {m.done && checked ? (
          <span className={`muted ${styles.meta}`}>
            Done {formatDay(m.done.on)}
            {m.period && (m.done.on < m.period.start || m.done.on > m.period.end)
              ? `, outside its period (${m.period.label})`
              : ""}
            {m.done.note ? `: ${m.done.note}` : ""} · recorded {m.done.at.slice(0, 10)} by {m.done.by}
          </span>
        ) : null}
        {canEdit && !checked ? (
          <span className={styles.meta}>
            <DoneOnInput title={m.title} range={doneOnRange} value={doneOn} onChange={onDoneOn} />{" "}
            <input
              type="text"
              className={styles.note}
              aria-label={`Note for ${m.title} (optional)`}
              placeholder="Note (optional)"
              value={note}
              onChange={(e) => onNote(e.target.value)}
            />
          </span>
        ) : null}
      </div>
    </li>
  );
}

/** One formatter for every day shown (toLocaleDateString would build one per call). */
const DAY_FORMAT = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

/** "Nov 3, 2025" for a YYYY-MM-DD day (UTC: the same text on the server and in the browser). */
function formatDay(day: string): string {
  return DAY_FORMAT.format(new Date(`${day}T00:00:00Z`));
}

function AddMilestoneForm({ slug, workStream }: { slug: string; workStream: MilestoneStream }) {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [week, setWeek] = useState("1");
  const add = useMutation({
    mutationFn: () =>
      callProjectApi(`/api/v1/projects/${slug}/milestones`, "POST", {
        workStream: workStream.id,
        title: title.trim(),
        week: Number(week),
      }),
    onSuccess: () => {
      setTitle("");
      router.refresh();
    },
  });
  return (
    <form
      className={styles.add}
      aria-label={`Add a milestone to ${workStream.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <input
        type="text"
        aria-label="Milestone title"
        placeholder="New milestone"
        required
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <input
        type="number"
        aria-label="Week"
        min={1}
        max={104}
        required
        className={styles.week}
        value={week}
        onChange={(e) => setWeek(e.target.value)}
      />
      <button type="submit" className="button" disabled={add.isPending}>
        Add
      </button>
      {add.error ? (
        <span role="alert" className={styles.error}>
          {add.error.message}
        </span>
      ) : null}
    </form>
  );
}
