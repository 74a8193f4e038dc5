"use client";

import { idsOf, type PhaseDraft, renameWorkStream, setIn, uniqueId } from "./draft";
import { ChecklistField, ChoiceField, NumberField, RemoveButton, SelectField, TextField } from "./Fields";
import styles from "./RoadmapEditor.module.css";
import { useEditor } from "./use-editor";

type Stream = PhaseDraft["workStreams"][number];
const PROGRESS = [
  { value: "scan", label: "Scans: components passing controls" },
  { value: "milestones", label: "Milestones done" },
];

/** Work streams: weight, planned weeks, and progress from a scan rule (controls of one environment) or milestones. */
export function WorkStreamList({ phaseIndex }: { phaseIndex: number }) {
  const { draft, change, update, environments, controls } = useEditor();
  const phase = draft.phases[phaseIndex];
  const at = ["phases", phaseIndex, "workStreams"];
  const envOptions = environments.map((e) => ({ value: e, label: e }));
  return (
    <fieldset className={styles.group}>
      <legend>Work streams</legend>
      {phase.workStreams.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an item's id is edited in place; fields keep no state of their own
        <fieldset key={i} className={styles.item}>
          <legend>{s.name || `Work stream ${i + 1}`}</legend>
          <TextField label="Work stream" path={[...at, i, "name"]} wide />
          <TextField
            label="Id"
            path={[...at, i, "id"]}
            hint="Milestones, criteria and metrics follow a change"
            onRename={(from, to) =>
              change((d) =>
                setIn(d, ["phases", phaseIndex], renameWorkStream(d.phases[phaseIndex], from, to)),
              )
            }
          />
          <NumberField label="Weight" path={[...at, i, "weight"]} min={0} step={0.5} />
          <NumberField label="Planned from week" path={[...at, i, "weeks", "from"]} min={1} step={1} />
          <NumberField label="Planned to week" path={[...at, i, "weeks", "to"]} min={1} step={1} />
          <ChoiceField
            label="Progress from"
            value={s.progress.type}
            options={PROGRESS}
            onChange={(type) =>
              update(
                [...at, i, "progress"],
                type === "milestones"
                  ? { type: "milestones" }
                  : { type: "scan", controls: ["run-as-non-root"], environment: environments[0] ?? "" },
              )
            }
          />
          {s.progress.type === "scan" && (
            <>
              <SelectField
                label="Environment"
                path={[...at, i, "progress", "environment"]}
                options={envOptions}
              />
              <ChecklistField label="Controls" path={[...at, i, "progress", "controls"]} options={controls} />
            </>
          )}
          <RemoveButton path={[...at, i]} what={`work stream ${s.name || i + 1}`} />
        </fieldset>
      ))}
      <button
        type="button"
        className="button"
        onClick={() =>
          change((d) => {
            const p = d.phases[phaseIndex];
            const stream: Stream = {
              id: uniqueId(`${p.id}-stream-${p.workStreams.length + 1}`, idsOf(d)),
              name: "",
              weeks: { from: 1, to: Math.max(1, p.weeks.at(-1)?.to ?? 1) },
              weight: 1,
              progress: { type: "milestones" },
            };
            return setIn(d, ["phases", phaseIndex, "workStreams"], [...p.workStreams, stream]);
          })
        }
      >
        Add work stream
      </button>
    </fieldset>
  );
}
