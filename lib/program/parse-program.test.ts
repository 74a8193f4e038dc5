import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { addDays, weekEnd, weekOf, weekStart } from "./dates.ts";
import { ProgramParseError, parseProgram, parseProgramOrThrow } from "./parse-program.ts";

const DEMO_PATH = join(import.meta.dirname, "..", "..", "examples", "maestro", "program.yaml");
const DEMO = readFileSync(DEMO_PATH, "utf8");

/** Parse the demo, let `edit` mutate the plain object, re-serialise and validate. */
// biome-ignore lint/suspicious/noExplicitAny: tests poke arbitrary (also invalid) fields
function withEdit(edit: (p: any) => void) {
  const doc = parseDocument(DEMO);
  const data = doc.toJS();
  edit(data);
  return parseProgram(JSON.stringify(data), "program.yaml");
}

function errorsOf(result: ReturnType<typeof parseProgram>): string[] {
  if (result.ok) throw new Error("expected the program to be invalid");
  return result.errors;
}

describe("demo program.yaml", () => {
  it("parses and validates", () => {
    const result = parseProgram(DEMO, "program.yaml");
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const p = result.program;
    expect(p.project.slug).toBe("maestro");
    expect(p.environments.map((e) => e.name)).toEqual(["production", "dev"]);
    expect(p.maturity).toMatchObject({ baseline: 0.62, target: 0.83, model: "phase-progress" });
    expect(p.phases.map((ph) => [ph.id, ph.start, ph.end])).toEqual([
      ["phase-1", "2025-09-21", "2025-10-04"],
      ["phase-2", "2025-10-05", "2025-11-29"],
      ["phase-3", "2025-12-07", "2026-01-31"],
    ]);
    const phase = p.phases[1];
    expect(phase.weeks.map((w) => [w.label, w.start, w.end])).toEqual([
      ["Week 1", "2025-10-05", "2025-10-11"],
      ["Week 2-3", "2025-10-12", "2025-10-25"],
      ["Week 4-5", "2025-10-26", "2025-11-08"],
      ["Week 6-8", "2025-11-09", "2025-11-29"],
    ]);
    expect(phase.workStreams.map((s) => s.name)).toEqual([
      "K8s Security Hardening",
      "Network Policies",
      "Pod Disruption Budgets",
      "RBAC Enforcement",
      "Rate Limiting",
      "Tenant Isolation",
      "Security Audit",
      "Monitoring Integration",
    ]);
    expect(phase.metrics.map((m) => m.label)).toEqual([
      "Production Deployments",
      "runAsNonRoot Enforced",
      "Capabilities Dropped",
      "Seccomp Enabled",
      "Read-Only Root FS",
      "Resource Limits",
      "Network Policy Coverage",
      "PDB Coverage",
    ]);
    expect(phase.metrics[0].kind).toBe("components-count");
    expect(phase.metrics[1]).toMatchObject({ kind: "control", control: "run-as-non-root" });
  });

  it("models the seed's Week 1 and Phase 2 exit criteria with the right rule types", () => {
    const p = parseProgramOrThrow(DEMO, "program.yaml");
    const week1 = p.phases[1].weeks[0].exitCriteria;
    expect(week1.map((c) => c.rule.type)).toEqual([
      "manual",
      "manual",
      "controls-pass",
      "any-pass",
      "any-pass",
    ]);
    const half = week1[2].rule;
    expect(half.type === "controls-pass" && half.minRatio).toBe(0.5);
    const planApproved = week1[0].rule;
    expect(planApproved.type === "manual" && planApproved.met?.by).toBe("platform-team");
    const phaseRules = p.phases[1].exitCriteria.map((c) => c.rule);
    expect(phaseRules.map((r) => r.type)).toEqual([
      "controls-pass",
      "controls-pass",
      "default-deny",
      "manual",
      "manual",
      "manual",
      "manual",
      "manual",
      "maturity",
    ]);
    const limits = phaseRules[0];
    expect(limits.type === "controls-pass" && limits.minRatio).toBe(1);
  });

  it("has notes as Markdown for Week 1 and milestones done as in the seed", () => {
    const p = parseProgramOrThrow(DEMO, "program.yaml");
    expect(p.phases[1].weeks[0].notes?.keyLearnings).toContain("Redis=999");
    expect(p.phases[1].weeks[0].notes?.handoff).toContain("DAC_READ_SEARCH");
    const done = p.phases[1].milestones.filter((m) => m.done);
    // Milestones of scan-tracked streams are ticked on the day the scans show them (netpol and PDBs at 100%).
    expect(done.map((m) => [m.id, m.done?.on ?? m.done?.at])).toEqual([
      ["hardening-patterns", "2025-10-05"],
      ["hardening-production", "2025-10-11"],
      ["netpol-default-deny", "2025-11-29"],
      ["netpol-tier-policies", "2025-10-25"],
      ["netpol-tested", "2025-11-29"],
      ["pdb-critical-services", "2025-10-25"],
      ["pdb-all-workloads", "2025-11-29"],
    ]);
  });
});

describe("field errors name the file and the field path", () => {
  it("invalid date", () => {
    const errors = errorsOf(withEdit((p) => (p.phases[1].weeks[1].end = "2025-10-32")));
    expect(errors).toContain("program.yaml: phases[1].weeks[1].end: Invalid date");
  });

  it("date in the wrong format", () => {
    const errors = errorsOf(withEdit((p) => (p.phases[1].start = "10/05/2025")));
    expect(errors).toContain("program.yaml: phases[1].start: Invalid date");
  });

  it("missing required field", () => {
    const errors = errorsOf(withEdit((p) => delete p.project.name));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^program\.yaml: project\.name: /);
  });

  it("wrong apiVersion / kind", () => {
    const errors = errorsOf(
      withEdit((p) => {
        p.apiVersion = "rampart.io/v2";
        p.kind = "Programme";
      }),
    );
    expect(errors.some((e) => e.startsWith("program.yaml: apiVersion: "))).toBe(true);
    expect(errors.some((e) => e.startsWith("program.yaml: kind: "))).toBe(true);
  });

  it("unknown key (typo)", () => {
    const errors = errorsOf(withEdit((p) => (p.phases[1].workStreams[2].wieght = 2)));
    expect(errors).toEqual(['program.yaml: phases[1].workStreams[2]: Unrecognized key: "wieght"']);
  });

  it("unknown rule type", () => {
    const errors = errorsOf(withEdit((p) => (p.phases[1].exitCriteria[0].rule.type = "all-pass")));
    expect(errors[0]).toMatch(/^program\.yaml: phases\[1\]\.exitCriteria\[0\]\.rule\.type: .*controls-pass/);
  });

  it("unknown control id", () => {
    const errors = errorsOf(
      withEdit((p) => (p.phases[1].workStreams[0].progress.controls = ["run-as-non-root", "runAsNonRoot"])),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^program\.yaml: phases\[1\]\.workStreams\[0\]\.progress\.controls\[1\]: Unknown control/,
    );
  });

  it("accepts pss-* control ids", () => {
    const result = withEdit((p) => (p.phases[1].workStreams[0].progress.controls = ["pss-host-path"]));
    expect(result.ok).toBe(true);
  });

  it("ratio out of range", () => {
    const errors = errorsOf(withEdit((p) => (p.phases[1].weeks[0].exitCriteria[2].rule.minRatio = 50)));
    expect(errors[0]).toMatch(/^program\.yaml: phases\[1\]\.weeks\[0\]\.exitCriteria\[2\]\.rule\.minRatio: /);
  });

  it("bad metric target and unknown metric kind", () => {
    let errors = errorsOf(withEdit((p) => (p.phases[1].metrics[3].target = "all")));
    expect(errors[0]).toMatch(/^program\.yaml: phases\[1\]\.metrics\[3\]\.target: /);
    errors = errorsOf(withEdit((p) => (p.phases[1].metrics[0].kind = "count")));
    expect(errors[0]).toMatch(/^program\.yaml: phases\[1\]\.metrics\[0\]\.kind: /);
  });

  it("wrong type", () => {
    const errors = errorsOf(withEdit((p) => (p.phases[1].milestones[0].week = "one")));
    expect(errors[0]).toMatch(/^program\.yaml: phases\[1\]\.milestones\[0\]\.week: .*number/);
  });

  it("YAML syntax error reports the line", () => {
    const errors = errorsOf(
      parseProgram("apiVersion: rampart.io/v1\nkind: Program\nproject: [unclosed\n", "p.yaml"),
    );
    expect(errors[0]).toMatch(/^p\.yaml: line \d+: /);
  });

  it("an alias bomb is refused as the file's error, not thrown", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      levels.push(
        `${"abcdefghij"[i]}: &${"abcdefghij"[i]} [${Array(10)
          .fill(`*${"abcdefghij"[i - 1]}`)
          .join(", ")}]`,
      );
    }
    const errors = errorsOf(parseProgram(`${levels.join("\n")}\n`, "p.yaml"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^p\.yaml: .*alias/i);
  });

  it("empty and multi-document files", () => {
    expect(errorsOf(parseProgram("", "p.yaml"))).toEqual(["p.yaml: Empty document"]);
    expect(errorsOf(parseProgram("a: 1\n---\nb: 2\n", "p.yaml"))).toEqual([
      "p.yaml: Expected one YAML document, found 2",
    ]);
    expect(errorsOf(parseProgram("- 1\n", "p.yaml"))[0]).toMatch(/^p\.yaml: .*object/);
  });

  it("parseProgramOrThrow throws a ProgramParseError listing every issue", () => {
    const bad = DEMO.replace("end: 2025-10-25", "end: 2025-13-01");
    expect(() => parseProgramOrThrow(bad, "program.yaml")).toThrow(ProgramParseError);
    expect(() => parseProgramOrThrow(bad, "program.yaml")).toThrow(
      "program.yaml: phases[1].weeks[1].end: Invalid date",
    );
  });
});

describe("cross-reference and consistency checks", () => {
  it("milestone referring to an unknown work stream", () => {
    const errors = errorsOf(withEdit((p) => (p.phases[1].milestones[4].workStream = "netpol")));
    expect(errors).toEqual([
      'program.yaml: phases[1].milestones[4].workStream: Unknown work stream "netpol"',
    ]);
  });

  it("exit criterion and metric referring to unknown work streams or environments", () => {
    const errors = errorsOf(
      withEdit((p) => {
        p.phases[1].exitCriteria[0].workStream = "k8s";
        p.phases[1].exitCriteria[0].rule.environment = "staging";
        p.phases[1].metrics[1].environment = "prod";
        p.phases[1].workStreams[1].progress.environment = "stage";
      }),
    );
    expect(errors).toEqual([
      'program.yaml: phases[1].workStreams[1].progress.environment: Unknown environment "stage"',
      'program.yaml: phases[1].exitCriteria[0].workStream: Unknown work stream "k8s"',
      'program.yaml: phases[1].exitCriteria[0].rule.environment: Unknown environment "staging"',
      'program.yaml: phases[1].metrics[1].environment: Unknown environment "prod"',
    ]);
  });

  it("milestones-done rule referring to an unknown milestone", () => {
    const errors = errorsOf(
      withEdit((p) => (p.phases[1].weeks[2].exitCriteria[0].rule.milestones = ["rbac-everything"])),
    );
    expect(errors).toEqual([
      'program.yaml: phases[1].weeks[2].exitCriteria[0].rule.milestones[0]: Unknown milestone "rbac-everything"',
    ]);
  });

  it("duplicate week, work stream, milestone and exit-criterion ids", () => {
    const errors = errorsOf(
      withEdit((p) => {
        p.phases[1].weeks[1].id = "week-1";
        p.phases[1].workStreams[7].id = "rbac";
        p.phases[1].milestones[1].id = "hardening-patterns";
        p.phases[1].exitCriteria[0].id = "w1-plan-approved"; // also used in week 1
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        'program.yaml: phases[1].weeks[1].id: Duplicate week id "week-1"',
        'program.yaml: phases[1].workStreams[7].id: Duplicate work stream id "rbac"',
        'program.yaml: phases[1].milestones[1].id: Duplicate milestone id "hardening-patterns"',
        'program.yaml: phases[1].exitCriteria[0].id: Duplicate exit criterion id "w1-plan-approved"',
      ]),
    );
  });

  it("end before start", () => {
    let errors = errorsOf(withEdit((p) => (p.phases[1].end = "2025-10-01")));
    expect(errors[0]).toBe("program.yaml: phases[1].end: End 2025-10-01 is before start 2025-10-05");
    errors = errorsOf(
      withEdit((p) => {
        p.phases[1].workStreams[0].weeks = { from: 3, to: 1 };
      }),
    );
    expect(errors).toEqual([
      "program.yaml: phases[1].workStreams[0].weeks.to: Week range ends (1) before it starts (3)",
    ]);
  });

  it("period dates must agree with the week numbering", () => {
    const errors = errorsOf(withEdit((p) => (p.phases[1].weeks[1].start = "2025-10-13")));
    expect(errors).toEqual([
      "program.yaml: phases[1].weeks[1].start: Week 2 starts on 2025-10-12 (phase starts 2025-10-05), not 2025-10-13",
    ]);
  });

  it("overlapping periods and weeks beyond the phase", () => {
    const errors = errorsOf(
      withEdit((p) => {
        p.phases[1].weeks[2].from = 3;
        p.phases[1].weeks[2].start = "2025-10-19";
        p.phases[1].milestones[0].week = 9;
      }),
    );
    expect(errors).toEqual([
      "program.yaml: phases[1].weeks[2].from: Week 3 overlaps the previous period (ends week 3)",
      "program.yaml: phases[1].milestones[0].week: Week 9 is after the phase's last week (8)",
    ]);
  });

  it("milestone-tracked work stream without milestones", () => {
    const errors = errorsOf(
      withEdit((p) => {
        p.phases[1].milestones = p.phases[1].milestones.filter(
          (m: { workStream: string }) => m.workStream !== "rate-limiting",
        );
      }),
    );
    expect(errors).toEqual([
      'program.yaml: phases[1].workStreams[4].progress: Work stream "rate-limiting" tracks milestones but has none',
    ]);
  });

  it("maturity target below baseline", () => {
    const errors = errorsOf(withEdit((p) => (p.maturity.target = 0.6)));
    expect(errors).toEqual(["program.yaml: maturity.target: Target must not be below baseline"]);
  });
});

describe("helpers", () => {
  it("week numbering", () => {
    expect(weekStart("2025-10-05", 1)).toBe("2025-10-05");
    expect(weekEnd("2025-10-05", 1)).toBe("2025-10-11");
    expect(weekEnd("2025-10-05", 8)).toBe("2025-11-29");
    const phase = { start: "2025-10-05", end: "2025-11-29" };
    expect(weekOf(phase, "2025-10-11")).toBe(1);
    expect(weekOf(phase, "2025-10-25T16:10:00Z")).toBe(3);
    expect(weekOf(phase, "2025-11-29")).toBe(8);
    expect(weekOf(phase, "2025-11-30")).toBeNull();
    expect(weekOf(phase, "2025-10-04")).toBeNull();
  });
});

describe("several phases and dated ticks", () => {
  /** A second phase after the demo's: two weeks, one milestone-tracked work stream. */
  // biome-ignore lint/suspicious/noExplicitAny: builds a plain program object
  const laterPhase = (start: string, end: string): any => ({
    id: "phase-later",
    name: "Later",
    start,
    end,
    weeks: [
      { id: "later-1", label: "Week 1", title: "Start", from: 1, to: 1, start, end: weekEnd(start, 1) },
    ],
    workStreams: [
      {
        id: "later-stream",
        name: "Later stream",
        weeks: { from: 1, to: 1 },
        progress: { type: "milestones" },
      },
    ],
    milestones: [{ id: "later-done", workStream: "later-stream", title: "Done", week: 1 }],
  });

  it("keeps every phase, in order", () => {
    const result = withEdit((p) =>
      p.phases.push(laterPhase(addDays(p.phases.at(-1).end, 8), addDays(p.phases.at(-1).end, 21))),
    );
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.program.phases.at(-1)?.id).toBe("phase-later");
    expect(result.program.phases.length).toBeGreaterThan(1);
  });

  it("refuses overlapping or out-of-order phases", () => {
    const errors = errorsOf(
      withEdit((p) =>
        p.phases.push(laterPhase(addDays(p.phases.at(-1).end, -6), addDays(p.phases.at(-1).end, 7))),
      ),
    );
    expect(errors.some((e) => /phases\[\d\]\.start: .*not after the previous phase's end/.test(e))).toBe(
      true,
    );
  });

  it("refuses a milestone id used in two phases", () => {
    const errors = errorsOf(
      withEdit((p) => {
        const later = laterPhase(addDays(p.phases.at(-1).end, 1), addDays(p.phases.at(-1).end, 14));
        later.milestones[0].id = p.phases[1].milestones[0].id;
        p.phases.push(later);
      }),
    );
    expect(errors.some((e) => /phases\[\d\]\.milestones\[0\]\.id: Duplicate milestone id/.test(e))).toBe(
      true,
    );
  });

  it("accepts a done-on day between the phase start and the day it was recorded", () => {
    const result = withEdit((p) => {
      p.phases[1].milestones[1].done = { on: p.phases[1].start, at: "2025-10-09T10:00:00Z", by: "ana" };
    });
    if (!result.ok) throw new Error(result.errors.join("\n"));
  });

  it("refuses a done-on day before the phase or after it was recorded, naming the field", () => {
    let errors = errorsOf(
      withEdit((p) => {
        p.phases[1].milestones[1].done = { on: "2025-09-01", at: "2025-10-09T10:00:00Z", by: "ana" };
      }),
    );
    expect(
      errors.some((e) => /milestones\[1\]\.done\.on: Done on 2025-09-01 is before the phase's start/.test(e)),
    ).toBe(true);
    errors = errorsOf(
      withEdit((p) => {
        p.phases[1].exitCriteria[3].rule.met = { on: "2025-10-20", at: "2025-10-09", by: "ana" };
      }),
    );
    expect(
      errors.some((e) => /exitCriteria\[3\]\.rule\.met\.on: .*after the day it was recorded/.test(e)),
    ).toBe(true);
    errors = errorsOf(
      withEdit((p) => (p.phases[1].milestones[1].done = { on: "2025-10-32", at: "2025-10-09", by: "a" })),
    );
    expect(errors.some((e) => /milestones\[1\]\.done\.on: Invalid date/.test(e))).toBe(true);
  });
});
