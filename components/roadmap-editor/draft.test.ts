import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseProgramOrThrow } from "@/lib/program";
import { CORE_CONTROL_IDS as CORE } from "@/lib/program/program-schema";
import {
  controlChoices,
  issuesFromResponse,
  newPhase,
  newProgramDraft,
  renameMilestone,
  renameWorkStream,
  setIn,
  toDocument,
  withProject,
} from "./draft";
import { validate } from "./validate";

const PROJECT = {
  slug: "shop",
  name: "Shop",
  description: "",
  environments: [
    { name: "production", description: "EKS" },
    { name: "staging", description: "" },
  ],
};

describe("roadmap editor draft", () => {
  it("starts a new roadmap that the program file's schema accepts, and a second phase after the first", () => {
    const draft = newProgramDraft(PROJECT, "2027-01-04", CORE);
    expect(validate(draft)).toEqual(new Map());
    expect(draft.phases[0]).toMatchObject({ start: "2027-01-04", end: "2027-01-31" });
    expect(draft.phases[0].weeks.map((w) => [w.id, w.start, w.end])).toEqual([
      ["phase-1-week-1", "2027-01-04", "2027-01-10"],
      ["phase-1-week-2", "2027-01-11", "2027-01-17"],
      ["phase-1-week-3", "2027-01-18", "2027-01-24"],
      ["phase-1-week-4", "2027-01-25", "2027-01-31"],
    ]);
    const two = { ...draft, phases: [...draft.phases, newPhase(draft, "2027-02-01", CORE)] };
    expect(validate(two)).toEqual(new Map());
    expect(two.phases[1].weeks[0].id).toBe("phase-2-week-1");
  });

  it("derives period dates from the weeks when the phase moves, so they always agree", () => {
    const draft = setIn(newProgramDraft(PROJECT, "2027-01-04", CORE), ["phases", 0, "start"], "2027-01-01");
    const moved = setIn(draft, ["phases", 0, "end"], "2027-01-28");
    expect(validate(moved)).toEqual(new Map());
    expect(toDocument(moved).phases[0].weeks[0]).toMatchObject({ start: "2027-01-01", end: "2027-01-07" });
  });

  it("reports the schema's own messages under the field path the server uses", () => {
    let draft = newProgramDraft(PROJECT, "2027-01-04", CORE);
    draft = setIn(draft, ["phases", 0, "name"], "");
    draft = setIn(draft, ["phases", 0, "workStreams", 0, "progress", "environment"], "nowhere");
    const issues = validate(draft);
    expect(issues.get("phases[0].name")).toBe("Must not be empty");
    expect(issues.get("phases[0].workStreams[0].progress.environment")).toBe('Unknown environment "nowhere"');
  });

  it("reads a PUT …/program refusal back into field paths", () => {
    const issues = issuesFromResponse(
      'program.yaml: phases[1].start: Phase "b" starts 2027-01-02, not after the previous phase\'s end 2027-01-31\nprogram.yaml: phases[0].name: Must not be empty',
    );
    expect(issues.get("phases[1].start")).toMatch(/^Phase "b" starts/);
    expect(issues.get("phases[0].name")).toBe("Must not be empty");
    const slug = issuesFromResponse('project.slug: the file is for project "a", not "b"', "project.slug");
    expect(slug.get("project.slug")).toBe('the file is for project "a", not "b"');
  });

  it("renames a work stream or a milestone everywhere it is referred to", () => {
    const demo = parseProgramOrThrow(readFileSync("examples/maestro/program.yaml", "utf8"), "program.yaml");
    const draft = withProject(demo, { ...PROJECT, slug: "maestro", name: "Maestro" });
    const phaseIndex = draft.phases.findIndex((p) => (p.milestones ?? []).length > 0);
    const phase = draft.phases[phaseIndex];
    const stream = phase.milestones?.[0].workStream as string;
    const renamed = renameWorkStream(phase, stream, "renamed-stream");
    expect(renamed.milestones?.filter((m) => m.workStream === stream)).toEqual([]);
    const milestone = phase.milestones?.[0].id as string;
    const again = renameMilestone(renamed, milestone, "renamed-milestone");
    const next = setIn(draft, ["phases", phaseIndex], again);
    expect(validate(next)).toEqual(new Map());
    // The program's environments are kept, and the settings' ones added.
    expect(next.environments.map((e) => e.name)).toEqual(["production", "dev", "staging"]);
  });

  it("offers the built-in controls, then the program's custom ones and those the draft already names", () => {
    let draft = newProgramDraft(PROJECT, "2027-01-04", CORE);
    draft = setIn(
      draft,
      ["phases", 0, "exitCriteria"],
      [
        {
          id: "trusted",
          title: "No image from outside our registry",
          rule: {
            type: "controls-pass",
            controls: ["vap:trusted-registry"],
            environment: "production",
            minRatio: 1,
          },
        },
      ],
    );
    expect(validate(draft)).toEqual(new Map());
    const values = controlChoices(draft, CORE, ["vap:required-labels"]).map((o) => o.value);
    expect(values.slice(0, 2)).toEqual(["run-as-non-root", "capabilities-drop-all"]);
    expect(values.slice(-2)).toEqual(["vap:required-labels", "vap:trusted-registry"]);
    expect(new Set(values).size).toBe(values.length);
  });

  it("refuses a control that is neither built in nor a policy's vap:<name>", () => {
    const draft = setIn(
      newProgramDraft(PROJECT, "2027-01-04", CORE),
      ["phases", 0, "exitCriteria"],
      [
        {
          id: "x",
          title: "X",
          rule: { type: "any-pass", control: "vap:Not_A_Name", environment: "production" },
        },
      ],
    );
    expect(validate(draft).get("phases[0].exitCriteria[0].rule.control")).toMatch(/vap:<policy-name>/);
  });
});
