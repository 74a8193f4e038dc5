"use client";

import { idsOf, type PhaseDraft, uniqueId } from "./draft";
import { ChoiceField, NumberField, SelectField, TextField } from "./Fields";
import { ListEditor } from "./ListEditor";
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
  const { draft, update, environments, controls } = useEditor();
  const phase = draft.phases[phaseIndex];
  const envOptions = environments.map((e) => ({ value: e, label: e }));
  const streams = phase.workStreams.map((s) => ({ value: s.id, label: s.name || s.id }));
  return (
    <ListEditor<Metric>
      title="Metrics"
      path={["phases", phaseIndex, "metrics"]}
      noun="metric"
      nameOf={(m) => m.label}
      create={(d, list) =>
        ({
          kind: "control",
          id: uniqueId(`${d.phases[phaseIndex].id}-metric-${list.length + 1}`, idsOf(d)),
          label: "",
          control: "run-as-non-root",
          environment: environments[0] ?? "",
          target: "all-applicable",
        }) as Metric
      }
      renderItem={(m, at) => {
        const kind = m.kind ?? "control";
        const target = m.target ?? "all-applicable";
        return (
          <>
            <TextField label="Metric" path={[...at, "label"]} wide />
            <TextField label="Id" path={[...at, "id"]} />
            <ChoiceField
              label="Measures"
              value={kind}
              options={KINDS}
              onChange={(next) => {
                const { control: _drop, ...rest } = m as Metric & { control?: string };
                update(
                  at,
                  next === "control"
                    ? { ...rest, kind: "control", control: "run-as-non-root" }
                    : { ...rest, kind: "components-count" },
                );
              }}
            />
            {kind === "control" && (
              <SelectField label="Control" path={[...at, "control"]} options={controls} />
            )}
            <SelectField label="Environment" path={[...at, "environment"]} options={envOptions} />
            <SelectField
              label="Work stream"
              path={[...at, "workStream"]}
              options={streams}
              optional="(none)"
            />
            <ChoiceField
              label="Target"
              value={target === "all-applicable" ? "all-applicable" : "number"}
              options={TARGETS}
              onChange={(next) => update([...at, "target"], next === "number" ? 1 : "all-applicable")}
            />
            {target !== "all-applicable" && (
              <NumberField label="Target (components)" path={[...at, "target"]} min={0} step={1} />
            )}
          </>
        );
      }}
    />
  );
}
