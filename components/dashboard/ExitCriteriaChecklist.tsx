"use client";

import { useId, useState } from "react";
import { DoneOnInput, type DoneOnRange } from "@/components/DoneOnInput";
import type { CriterionResult, PeriodCriteria } from "@/lib/metrics";
import own from "./ExitCriteriaChecklist.module.css";
import { Badge } from "./StatusBadge";

export type ExitCriteriaChecklistProps = {
  /** evaluatePhaseExitCriteria(phase, ctx) or computePhaseFigures(...).exitCriteria. */
  criteria: { periods: readonly PeriodCriteria[]; phase: readonly CriterionResult[] } | null | undefined;
  /** "Phase 2" in the phase group's heading. */
  phaseName?: string;
  /**
   * A manual criterion was (un)ticked: the parent records it (optimistically) and passes back new `criteria`.
   * A tick carries the day the work was done (`doneOn`, picked within `doneOnRange`); an untick has none.
   * Without it manual criteria are shown read-only.
   */
  onToggle?: (criterionId: string, met: boolean, note: string, doneOn?: string) => void;
  /** The days a tick's done-on may take (the phase's start to today, the default); without it, today. */
  doneOnRange?: DoneOnRange;
  /** Criterion ids with a save in flight (their checkbox is busy). */
  pending?: ReadonlySet<string>;
};

/** Where an automatic criterion's verdict comes from. */
export function automaticSource(type: CriterionResult["type"]): string {
  switch (type) {
    case "maturity":
      return "computed from the maturity figure";
    case "milestones-done":
      return "computed from milestones";
    default:
      return "computed from scan data";
  }
}

function MetBadge({ met }: { met: boolean }) {
  return met ? (
    <Badge tone="ok" icon="✓">
      Met
    </Badge>
  ) : (
    <Badge tone="neutral" icon="○">
      Not met
    </Badge>
  );
}

function AutomaticItem({ c }: { c: CriterionResult }) {
  const id = useId();
  return (
    <li className={own.item}>
      <input
        id={id}
        type="checkbox"
        checked={c.met}
        disabled
        readOnly
        aria-describedby={`${id}-why ${id}-evidence`}
      />
      <div className={own.body}>
        <label htmlFor={id} className={own.title}>
          {c.title} <MetBadge met={c.met} />
        </label>
        <span id={`${id}-evidence`} className={own.evidence}>
          {c.evidence}
        </span>
        <span id={`${id}-why`} className={`muted ${own.evidence}`}>
          Automatic: {automaticSource(c.type)}, cannot be ticked by hand.
        </span>
      </div>
    </li>
  );
}

function ManualItem({
  c,
  onToggle,
  doneOnRange,
  busy,
}: {
  c: CriterionResult;
  onToggle?: ExitCriteriaChecklistProps["onToggle"];
  doneOnRange?: DoneOnRange;
  busy: boolean;
}) {
  const id = useId();
  const [note, setNote] = useState(c.metState?.note ?? "");
  const [doneOn, setDoneOn] = useState<string | undefined>(undefined);
  const readOnly = !onToggle;
  return (
    <li className={own.item}>
      <input
        id={id}
        type="checkbox"
        checked={c.met}
        disabled={readOnly}
        aria-busy={busy || undefined}
        aria-describedby={`${id}-evidence`}
        onChange={(e) =>
          e.target.checked
            ? onToggle?.(c.id, true, note.trim(), doneOn || doneOnRange?.max)
            : onToggle?.(c.id, false, note.trim())
        }
      />
      <div className={own.body}>
        <label htmlFor={id} className={own.title}>
          {c.title} <MetBadge met={c.met} />
        </label>
        <span id={`${id}-evidence`} className={own.evidence}>
          {c.evidence}
          {busy ? " (saving…)" : ""}
        </span>
        {!readOnly && doneOnRange && !c.met ? (
          <span className={own.doneOn}>
            <DoneOnInput
              title={c.title}
              range={doneOnRange}
              value={doneOn ?? doneOnRange.max}
              onChange={setDoneOn}
            />
          </span>
        ) : null}
        {!readOnly && (
          <span className={own.note}>
            <label htmlFor={`${id}-note`} className="muted">
              Note (optional)
            </label>
            <input
              id={`${id}-note`}
              type="text"
              value={note}
              placeholder="e.g. link to the evidence"
              onChange={(e) => setNote(e.target.value)}
            />
          </span>
        )}
      </div>
    </li>
  );
}

function Group({
  heading,
  criteria,
  onToggle,
  doneOnRange,
  pending,
}: {
  heading: string;
  criteria: readonly CriterionResult[];
  onToggle?: ExitCriteriaChecklistProps["onToggle"];
  doneOnRange?: DoneOnRange;
  pending?: ReadonlySet<string>;
}) {
  const headingId = useId();
  const met = criteria.filter((c) => c.met).length;
  return (
    <section className={own.group} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {heading}{" "}
        <span className="muted">
          ({met} of {criteria.length} met)
        </span>
      </h3>
      {criteria.length === 0 ? (
        <p className="muted">No exit criteria.</p>
      ) : (
        <ul className={own.list}>
          {criteria.map((c) =>
            c.automatic ? (
              <AutomaticItem key={c.id} c={c} />
            ) : (
              <ManualItem
                key={c.id}
                c={c}
                onToggle={onToggle}
                doneOnRange={doneOnRange}
                busy={pending?.has(c.id) ?? false}
              />
            ),
          )}
        </ul>
      )}
    </section>
  );
}

/**
 * Exit criteria per period and for the phase, as a checklist like the seed's. Automatic criteria show their
 * verdict and evidence with a disabled checkbox; manual ones are real checkboxes that call `onToggle`, with the
 * day the work was done picked beside each unticked one. A period's tick done outside it says so in its evidence.
 */
export function ExitCriteriaChecklist({
  criteria,
  phaseName = "Phase",
  onToggle,
  doneOnRange,
  pending,
}: ExitCriteriaChecklistProps) {
  const total = criteria
    ? criteria.phase.length + criteria.periods.reduce((n, p) => n + p.criteria.length, 0)
    : 0;
  if (!criteria || total === 0) {
    return <p className="card muted">No exit criteria defined for this phase.</p>;
  }
  return (
    <div className="card">
      <h2>Exit Criteria Tracking</h2>
      {criteria.periods.map((p) => (
        <Group
          key={p.periodId}
          heading={`${p.label} Criteria`}
          criteria={p.criteria}
          onToggle={onToggle}
          doneOnRange={doneOnRange}
          pending={pending}
        />
      ))}
      <Group
        heading={`${phaseName} Exit Criteria`}
        criteria={criteria.phase}
        onToggle={onToggle}
        doneOnRange={doneOnRange}
        pending={pending}
      />
    </div>
  );
}
