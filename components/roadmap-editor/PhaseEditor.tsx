"use client";

import { CriterionList } from "./CriterionList";
import { newPeriod, type PeriodDraft, periodDates, phaseWeeks } from "./draft";
import { DateField, LinesField, NumberField, RemoveButton, TextField } from "./Fields";
import { ListEditor } from "./ListEditor";
import { MetricList } from "./MetricList";
import { MilestoneEditorList } from "./MilestoneEditorList";
import styles from "./RoadmapEditor.module.css";
import { useEditor } from "./use-editor";
import { WorkStreamList } from "./WorkStreamList";

/** One phase: its dates, periods (with goals and exit criteria), work streams, milestones, criteria and metrics. */
export function PhaseEditor({ phaseIndex }: { phaseIndex: number }) {
  const { draft } = useEditor();
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

      <ListEditor<PeriodDraft>
        title="Periods"
        path={[...at, "weeks"]}
        noun="period"
        nameOf={(w) => w.label}
        intro={
          <p className="muted">
            Week n starts on the phase&apos;s start + 7(n − 1) days: each period&apos;s dates follow from its
            weeks.
          </p>
        }
        create={(d) => {
          const p = d.phases[phaseIndex];
          return newPeriod(d, p, (p.weeks.at(-1)?.to ?? 0) + 1);
        }}
        renderItem={(w, period, i) => {
          const dates = periodDates(phase, w.from, w.to);
          return (
            <>
              <div className={styles.row}>
                <TextField label="Label" path={[...period, "label"]} />
                <TextField label="Focus" path={[...period, "title"]} />
                <TextField label="Id" path={[...period, "id"]} />
                <NumberField label="From week" path={[...period, "from"]} min={1} step={1} />
                <NumberField label="To week" path={[...period, "to"]} min={1} step={1} />
                <p className={styles.dates}>
                  {dates.start} → {dates.end}
                </p>
              </div>
              <LinesField label="Goals (one per line)" path={[...period, "goals"]} />
              <CriterionList
                path={[...period, "exitCriteria"]}
                phase={phase}
                title={`Exit criteria of ${w.label || `period ${i + 1}`}`}
              />
            </>
          );
        }}
      />

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
