"use client";

import { idsOf, type PhaseDraft, renameWorkStream, setIn, uniqueId } from "./draft";
import { ChecklistField, ChoiceField, NumberField, SelectField, TextField } from "./Fields";
import { ListEditor } from "./ListEditor";
import { useEditor } from "./use-editor";

type Stream = PhaseDraft["workStreams"][number];
const PROGRESS = [
  { value: "scan", label: "Scans: components passing controls" },
  { value: "milestones", label: "Milestones done" },
];

/** Work streams: weight, planned weeks, and progress from a scan rule (controls of one environment) or milestones. */
export function WorkStreamList({ phaseIndex }: { phaseIndex: number }) {
  const { change, update, environments, controls } = useEditor();
  const envOptions = environments.map((e) => ({ value: e, label: e }));
  return (
    <ListEditor<Stream>
      title="Work streams"
      path={["phases", phaseIndex, "workStreams"]}
      noun="work stream"
      nameOf={(s) => s.name}
      create={(d, list) => {
        const p = d.phases[phaseIndex];
        return {
          id: uniqueId(`${p.id}-stream-${list.length + 1}`, idsOf(d)),
          name: "",
          weeks: { from: 1, to: Math.max(1, p.weeks.at(-1)?.to ?? 1) },
          weight: 1,
          progress: { type: "milestones" },
        };
      }}
      renderItem={(s, at) => (
        <>
          <TextField label="Work stream" path={[...at, "name"]} wide />
          <TextField
            label="Id"
            path={[...at, "id"]}
            hint="Milestones, criteria and metrics follow a change"
            onRename={(from, to) =>
              change((d) =>
                setIn(d, ["phases", phaseIndex], renameWorkStream(d.phases[phaseIndex], from, to)),
              )
            }
          />
          <NumberField label="Weight" path={[...at, "weight"]} min={0} step={0.5} />
          <NumberField label="Planned from week" path={[...at, "weeks", "from"]} min={1} step={1} />
          <NumberField label="Planned to week" path={[...at, "weeks", "to"]} min={1} step={1} />
          <ChoiceField
            label="Progress from"
            value={s.progress.type}
            options={PROGRESS}
            onChange={(type) =>
              update(
                [...at, "progress"],
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
                path={[...at, "progress", "environment"]}
                options={envOptions}
              />
              <ChecklistField label="Controls" path={[...at, "progress", "controls"]} options={controls} />
            </>
          )}
        </>
      )}
    />
  );
}
