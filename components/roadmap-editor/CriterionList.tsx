"use client";

import {
  type CriterionDraft,
  getIn,
  idsOf,
  type Path,
  type PhaseDraft,
  type RuleDraft,
  uniqueId,
} from "./draft";
import { ChecklistField, ChoiceField, NumberField, SelectField, TextField } from "./Fields";
import { ListEditor } from "./ListEditor";
import { useEditor } from "./use-editor";

/** The rules a criterion can follow: ticked by hand, or computed from the scans (controls, coverage) or the plan. */
const RULES: { value: RuleDraft["type"]; label: string }[] = [
  { value: "manual", label: "Manual (ticked by an editor)" },
  { value: "controls-pass", label: "Automatic: share of components passing controls" },
  { value: "any-pass", label: "Automatic: at least one component passes a control" },
  { value: "default-deny", label: "Automatic: default-deny network coverage" },
  { value: "maturity", label: "Automatic: maturity reaches a threshold" },
  { value: "milestones-done", label: "Automatic: milestones done" },
];

/** A fresh rule of `type`, carrying over the environment when the old rule had one. */
function ruleOf(type: RuleDraft["type"], old: RuleDraft, environment: string): RuleDraft {
  const env = "environment" in old ? old.environment : environment;
  switch (type) {
    case "manual":
      return { type };
    case "controls-pass":
      return { type, controls: ["run-as-non-root"], environment: env, minRatio: 1 };
    case "any-pass":
      return { type, control: "run-as-non-root", environment: env };
    case "default-deny":
      return { type, environment: env };
    case "maturity":
      return { type, min: 0.8 };
    case "milestones-done":
      return { type, milestones: [] };
  }
}

function RuleFields({ path, phase }: { path: Path; phase: PhaseDraft }) {
  const { draft, environments, update, controls } = useEditor();
  const rule = getIn(draft, path) as RuleDraft;
  const envOptions = environments.map((e) => ({ value: e, label: e }));
  return (
    <>
      <ChoiceField
        label="Rule"
        value={rule.type}
        options={RULES}
        onChange={(type) => update(path, ruleOf(type as RuleDraft["type"], rule, environments[0] ?? ""))}
      />
      {"environment" in rule && (
        <SelectField label="Environment" path={[...path, "environment"]} options={envOptions} />
      )}
      {rule.type === "controls-pass" && (
        <>
          <ChecklistField label="Controls to pass" path={[...path, "controls"]} options={controls} />
          <NumberField
            label="Threshold (% of components)"
            path={[...path, "minRatio"]}
            min={0}
            max={100}
            scale={100}
          />
        </>
      )}
      {rule.type === "any-pass" && (
        <SelectField label="Control" path={[...path, "control"]} options={controls} />
      )}
      {rule.type === "maturity" && (
        <NumberField label="Minimum maturity (%)" path={[...path, "min"]} min={0} max={100} scale={100} />
      )}
      {rule.type === "milestones-done" && (
        <ChecklistField
          label="Milestones"
          path={[...path, "milestones"]}
          options={(phase.milestones ?? []).map((m) => ({ value: m.id, label: m.title || m.id }))}
        />
      )}
    </>
  );
}

/** The exit criteria of a period or of the phase (`path` is the list). */
export function CriterionList({ path, phase, title }: { path: Path; phase: PhaseDraft; title: string }) {
  const { environments } = useEditor();
  const streams = phase.workStreams.map((s) => ({ value: s.id, label: s.name || s.id }));
  return (
    <ListEditor<CriterionDraft>
      title={title}
      path={path}
      noun="criterion"
      nameOf={(c) => c.title}
      create={(d, list) => ({
        id: uniqueId(`${phase.id}-criterion-${list.length + 1}`, idsOf(d)),
        title: "",
        rule: { type: "manual" },
      })}
      renderItem={(_c, at) => (
        <>
          <TextField label="Criterion" path={[...at, "title"]} wide />
          <TextField label="Id" path={[...at, "id"]} />
          <SelectField label="Work stream" path={[...at, "workStream"]} options={streams} optional="(none)" />
          <RuleFields path={[...at, "rule"]} phase={phase} />
        </>
      )}
      addLabel="Add exit criterion"
      addAriaLabel={`Add an exit criterion to ${title}`}
      footer={
        environments.length === 0 && (
          <p className="muted">Add an environment in Settings for automatic rules.</p>
        )
      }
    />
  );
}
