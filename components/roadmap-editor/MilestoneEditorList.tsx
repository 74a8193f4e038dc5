"use client";

import { idsOf, type PhaseDraft, renameMilestone, setIn, uniqueId } from "./draft";
import { NumberField, RemoveButton, SelectField, TextField } from "./Fields";
import styles from "./RoadmapEditor.module.css";
import { useEditor } from "./use-editor";

type Milestone = NonNullable<PhaseDraft["milestones"]>[number];

/** The phase's planned milestones; ticks recorded in the app are kept when the roadmap is saved (matched by id). */
export function MilestoneEditorList({ phaseIndex }: { phaseIndex: number }) {
  const { draft, change } = useEditor();
  const phase = draft.phases[phaseIndex];
  const at = ["phases", phaseIndex, "milestones"];
  const streams = phase.workStreams.map((s) => ({ value: s.id, label: s.name || s.id }));
  return (
    <fieldset className={styles.group}>
      <legend>Milestones</legend>
      {(phase.milestones ?? []).map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an item's id is edited in place; fields keep no state of their own
        <fieldset key={i} className={styles.item}>
          <legend>{m.title || `Milestone ${i + 1}`}</legend>
          <TextField label="Milestone" path={[...at, i, "title"]} wide />
          <TextField
            label="Id"
            path={[...at, i, "id"]}
            onRename={(from, to) =>
              change((d) => setIn(d, ["phases", phaseIndex], renameMilestone(d.phases[phaseIndex], from, to)))
            }
          />
          <SelectField label="Work stream" path={[...at, i, "workStream"]} options={streams} />
          <NumberField label="Planned week" path={[...at, i, "week"]} min={1} step={1} />
          {m.done && <p className="muted">Done (ticked by {m.done.by}): the tick is kept.</p>}
          <RemoveButton path={[...at, i]} what={`milestone ${m.title || i + 1}`} />
        </fieldset>
      ))}
      <button
        type="button"
        className="button"
        onClick={() =>
          change((d) => {
            const p = d.phases[phaseIndex];
            const list = p.milestones ?? [];
            const milestone: Milestone = {
              id: uniqueId(`${p.id}-milestone-${list.length + 1}`, idsOf(d)),
              workStream: p.workStreams[0]?.id ?? "",
              title: "",
              week: 1,
            };
            return setIn(d, [...at], [...list, milestone]);
          })
        }
      >
        Add milestone
      </button>
    </fieldset>
  );
}
