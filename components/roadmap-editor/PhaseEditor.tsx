"use client";

import { CriterionList } from "./CriterionList";
import { newPeriod, periodDates, phaseWeeks, setIn } from "./draft";
import { DateField, LinesField, NumberField, RemoveButton, TextField } from "./Fields";
import { MetricList } from "./MetricList";
import { MilestoneEditorList } from "./MilestoneEditorList";
import styles from "./RoadmapEditor.module.css";
import { useEditor } from "./use-editor";
import { WorkStreamList } from "./WorkStreamList";

/** One phase: its dates, periods (with goals and exit criteria), work streams, milestones, criteria and metrics. */
export function PhaseEditor({ phaseIndex }: { phaseIndex: number }) {
  const { draft, change } = useEditor();
  const phase = draft.phases[phaseIndex];
  const at = ["phases", phaseIndex];
  const weeks = phaseWeeks(phase);
  return (
    <fieldset className={styles.phase}>
      <legend>{phase.name || `Phase ${phaseIndex + 1}`}</legend>
      <div className={styles.row}>
        <TextField label="Phase name" path={[...at, "name"]} />
        <TextField label="Id" path={[...at, "id"]} />
        <NumberField label="Number" path={[...at, "number"]} min={0} step={1} />
        <DateField label="Start" path={[...at, "start"]} />
        <DateField label="End" path={[...at, "end"]} hint={weeks ? `${weeks} week(s)` : undefined} />
      </div>
      <TextField label="Goal" path={[...at, "goal"]} wide />

      <fieldset className={styles.group}>
        <legend>Periods</legend>
        <p className="muted">
          Week n starts on the phase&apos;s start + 7(n − 1) days: each period&apos;s dates follow from its
          weeks.
        </p>
        {phase.weeks.map((w, i) => {
          const dates = periodDates(phase, w.from, w.to);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: an item's id is edited in place; fields keep no state of their own
            <fieldset key={i} className={styles.item}>
              <legend>{w.label || `Period ${i + 1}`}</legend>
              <div className={styles.row}>
                <TextField label="Label" path={[...at, "weeks", i, "label"]} />
                <TextField label="Focus" path={[...at, "weeks", i, "title"]} />
                <TextField label="Id" path={[...at, "weeks", i, "id"]} />
                <NumberField label="From week" path={[...at, "weeks", i, "from"]} min={1} step={1} />
                <NumberField label="To week" path={[...at, "weeks", i, "to"]} min={1} step={1} />
                <p className={styles.dates}>
                  {dates.start} → {dates.end}
                </p>
              </div>
              <LinesField label="Goals (one per line)" path={[...at, "weeks", i, "goals"]} />
              <CriterionList
                path={[...at, "weeks", i, "exitCriteria"]}
                phase={phase}
                title={`Exit criteria of ${w.label || `period ${i + 1}`}`}
              />
              <RemoveButton path={[...at, "weeks", i]} what={`period ${w.label || i + 1}`} />
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button"
          onClick={() =>
            change((d) => {
              const p = d.phases[phaseIndex];
              const from = (p.weeks.at(-1)?.to ?? 0) + 1;
              return setIn(d, ["phases", phaseIndex, "weeks"], [...p.weeks, newPeriod(d, p, from)]);
            })
          }
        >
          Add period
        </button>
      </fieldset>

      <WorkStreamList phaseIndex={phaseIndex} />
      <MilestoneEditorList phaseIndex={phaseIndex} />
      <CriterionList
        path={[...at, "exitCriteria"]}
        phase={phase}
        title={`Exit criteria of ${phase.name || "the phase"}`}
      />
      <MetricList phaseIndex={phaseIndex} />
      {draft.phases.length > 1 && <RemoveButton path={at} what={`phase ${phase.name || phaseIndex + 1}`} />}
    </fieldset>
  );
}
