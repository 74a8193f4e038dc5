"use client";

import { idsOf, type PhaseDraft, setIn, uniqueId } from "./draft";
import { ChoiceField, NumberField, RemoveButton, SelectField, TextField } from "./Fields";
import styles from "./RoadmapEditor.module.css";
import { useEditor } from "./use-editor";

type Metric = NonNullable<PhaseDraft["metrics"]>[number] & {
  id: string;
  label: string;
  kind?: "control" | "components-count";
  target?: "all-applicable" | number;
};
const KINDS = [
  { value: "control", label: "Components passing a control" },
  { value: "components-count", label: "Components in scope" },
];
const TARGETS = [
  { value: "all-applicable", label: "All applicable components" },
  { value: "number", label: "A number of components" },
];

/** The hardening table's metrics: a control (or the count of components) in one environment, with its target. */
export function MetricList({ phaseIndex }: { phaseIndex: number }) {
  const { draft, change, update, environments, controls } = useEditor();
  const phase = draft.phases[phaseIndex];
  const at = ["phases", phaseIndex, "metrics"];
  const metrics = (phase.metrics ?? []) as Metric[];
  const envOptions = environments.map((e) => ({ value: e, label: e }));
  const streams = phase.workStreams.map((s) => ({ value: s.id, label: s.name || s.id }));
  return (
    <fieldset className={styles.group}>
      <legend>Metrics</legend>
      {metrics.map((m, i) => {
        const kind = m.kind ?? "control";
        const target = m.target ?? "all-applicable";
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: an item's id is edited in place; fields keep no state of their own
          <fieldset key={i} className={styles.item}>
            <legend>{m.label || `Metric ${i + 1}`}</legend>
            <TextField label="Metric" path={[...at, i, "label"]} wide />
            <TextField label="Id" path={[...at, i, "id"]} />
            <ChoiceField
              label="Measures"
              value={kind}
              options={KINDS}
              onChange={(next) => {
                const { control: _drop, ...rest } = m as Metric & { control?: string };
                update(
                  [...at, i],
                  next === "control"
                    ? { ...rest, kind: "control", control: "run-as-non-root" }
                    : { ...rest, kind: "components-count" },
                );
              }}
            />
            {kind === "control" && (
              <SelectField label="Control" path={[...at, i, "control"]} options={controls} />
            )}
            <SelectField label="Environment" path={[...at, i, "environment"]} options={envOptions} />
            <SelectField
              label="Work stream"
              path={[...at, i, "workStream"]}
              options={streams}
              optional="(none)"
            />
            <ChoiceField
              label="Target"
              value={target === "all-applicable" ? "all-applicable" : "number"}
              options={TARGETS}
              onChange={(next) => update([...at, i, "target"], next === "number" ? 1 : "all-applicable")}
            />
            {target !== "all-applicable" && (
              <NumberField label="Target (components)" path={[...at, i, "target"]} min={0} step={1} />
            )}
            <RemoveButton path={[...at, i]} what={`metric ${m.label || i + 1}`} />
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button"
        onClick={() =>
          change((d) => {
            const p = d.phases[phaseIndex];
            const list = (p.metrics ?? []) as Metric[];
            const metric: Metric = {
              kind: "control",
              id: uniqueId(`${p.id}-metric-${list.length + 1}`, idsOf(d)),
              label: "",
              control: "run-as-non-root",
              environment: environments[0] ?? "",
              target: "all-applicable",
            } as Metric;
            return setIn(d, at, [...list, metric]);
          })
        }
      >
        Add metric
      </button>
    </fieldset>
  );
}
