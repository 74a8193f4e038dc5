"use client";

import { idsOf, type PhaseDraft, renameMilestone, setIn, uniqueId } from "./draft";
import { NumberField, SelectField, TextField } from "./Fields";
import { ListEditor } from "./ListEditor";
import { useEditor } from "./use-editor";

type Milestone = NonNullable<PhaseDraft["milestones"]>[number];

/** The phase's planned milestones; ticks recorded in the app are kept when the roadmap is saved (matched by id). */
export function MilestoneEditorList({ phaseIndex }: { phaseIndex: number }) {
  const { draft, change } = useEditor();
  const phase = draft.phases[phaseIndex];
  const streams = phase.workStreams.map((s) => ({ value: s.id, label: s.name || s.id }));
  return (
    <ListEditor<Milestone>
      title="Milestones"
      path={["phases", phaseIndex, "milestones"]}
      noun="milestone"
      nameOf={(m) => m.title}
      create={(d, list) => {
        const p = d.phases[phaseIndex];
        return {
          id: uniqueId(`${p.id}-milestone-${list.length + 1}`, idsOf(d)),
          workStream: p.workStreams[0]?.id ?? "",
          title: "",
          week: 1,
        };
      }}
      renderItem={(m, at) => (
        <>
          <TextField label="Milestone" path={[...at, "title"]} wide />
          <TextField
            label="Id"
            path={[...at, "id"]}
            onRename={(from, to) =>
              change((d) => setIn(d, ["phases", phaseIndex], renameMilestone(d.phases[phaseIndex], from, to)))
            }
          />
          <SelectField label="Work stream" path={[...at, "workStream"]} options={streams} />
          <NumberField label="Planned week" path={[...at, "week"]} min={1} step={1} />
          {m.done && <p className="muted">Done (ticked by {m.done.by}): the tick is kept.</p>}
        </>
      )}
    />
  );
}
