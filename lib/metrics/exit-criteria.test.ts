import { describe, expect, it } from "vitest";
import type { ExitCriterion, Milestone } from "@/lib/program";
import { evaluateExitCriteria, evaluateExitCriterion, evaluatePhaseExitCriteria } from "./exit-criteria";
import { ns, scan, wl } from "./test-fixtures";

const crit = (rule: ExitCriterion["rule"], id = "c"): ExitCriterion => ({ id, title: id, rule });
const prod = scan(
  [
    wl("api", { rnr: "pass", caps: "pass", "network-policy": "pass" }),
    wl("promtail", { rnr: "waived", caps: "pass", "network-policy": "pass" }, { namespace: "logging" }),
    wl("worker", { rnr: "pass", caps: "fail", "network-policy": "fail" }),
    wl("job", { rnr: "n/a", caps: "n/a", "network-policy": "pass" }),
  ],
  [ns("apps", true), ns("logging", false), ns("empty", false)],
);

describe("manual", () => {
  it("is met iff ticked: recorded state wins over the program file", () => {
    const met = { at: "2025-10-05", by: "platform-team", note: "PLAN.md" };
    const c = crit({ type: "manual", met });
    expect(evaluateExitCriterion(c, { scans: {} })).toMatchObject({
      met: true,
      automatic: false,
      evidence: "Ticked by platform-team on 2025-10-05 (PLAN.md)",
      metState: met,
    });
    expect(evaluateExitCriterion(c, { scans: {}, state: { criteria: { c: null } } }).met).toBe(false);
    const open = crit({ type: "manual" });
    expect(evaluateExitCriterion(open, { scans: {} })).toMatchObject({ met: false, automatic: false });
    expect(evaluateExitCriterion(open, { scans: {}, state: { criteria: { c: true } } })).toMatchObject({
      met: true,
      evidence: "Ticked",
    });
  });
});

describe("controls-pass", () => {
  const rule = (minRatio: number) =>
    crit({ type: "controls-pass", controls: ["rnr", "caps"], environment: "prod", minRatio });
  it("compares the share meeting every control (waived counts as met) with minRatio, naming failures", () => {
    const r = evaluateExitCriterion(rule(1), { scans: { prod } });
    expect(r).toMatchObject({ met: false, automatic: true });
    expect(r.ratio).toBeCloseTo(2 / 3);
    expect(r.evidence).toBe("2 of 3 components pass rnr and caps (waived counts as met); failing: worker");
    const half = evaluateExitCriterion(rule(0.5), { scans: { prod } });
    expect(half.met).toBe(true);
    expect(half.evidence).toContain("(67%, needs 50%)");
  });
  it("is not met without a scan or without components in scope", () => {
    expect(evaluateExitCriterion(rule(0.5), { scans: {} })).toMatchObject({
      met: false,
      evidence: "No scan of prod yet",
    });
    expect(evaluateExitCriterion(rule(0), { scans: { prod: scan([]) } }).met).toBe(false);
  });
});

describe("default-deny", () => {
  const c = crit({ type: "default-deny", environment: "prod" });
  it("needs default-deny ingress in every namespace with workloads and every component covered", () => {
    const r = evaluateExitCriterion(c, { scans: { prod } });
    expect(r.met).toBe(false);
    expect(r.failingNamespaces).toEqual(["logging"]); // "empty" has no workloads
    expect(r.evidence).toBe(
      "1 of 2 namespaces with workloads have a default-deny ingress policy (missing: logging); " +
        "3 of 4 components selected by a NetworkPolicy (not selected: worker)",
    );
    const real = scan(
      prod.workloads.map((w) => ({ ...w, controls: { "network-policy": { status: "pass" as const } } })),
      [ns("apps", true), ns("logging", true)],
    );
    expect(evaluateExitCriterion(c, { scans: { prod: real } })).toMatchObject({
      met: true,
      evidence:
        "all 2 namespaces with workloads have a default-deny ingress policy; 4 of 4 components selected by a NetworkPolicy",
    });
  });
  it("treats a namespace missing from the summary as without default-deny; empty scan is not met", () => {
    const s = scan([wl("a", { "network-policy": "pass" })], []);
    expect(evaluateExitCriterion(c, { scans: { prod: s } }).failingNamespaces).toEqual(["apps"]);
    expect(evaluateExitCriterion(c, { scans: { prod: scan([]) } }).met).toBe(false);
  });
});

describe("any-pass", () => {
  it("needs one component passing (a waiver is not a start)", () => {
    const c = crit({ type: "any-pass", control: "rnr", environment: "prod" });
    expect(evaluateExitCriterion(c, { scans: { prod } })).toMatchObject({
      met: true,
      evidence: "2 components pass rnr: api, worker",
    });
    const waivedOnly = scan([wl("a", { rnr: "waived" }), wl("b", { rnr: "fail" })]);
    expect(evaluateExitCriterion(c, { scans: { prod: waivedOnly } })).toMatchObject({
      met: false,
      evidence: "No prod component passes rnr yet",
    });
  });
});

describe("maturity", () => {
  it("compares the computed maturity with min", () => {
    const c = crit({ type: "maturity", min: 0.8 });
    expect(evaluateExitCriterion(c, { scans: {}, maturity: 0.725 })).toMatchObject({
      met: false,
      evidence: "Maturity 72.5% (needs 80%)",
    });
    expect(evaluateExitCriterion(c, { scans: {}, maturity: 0.8 }).met).toBe(true);
    expect(evaluateExitCriterion(c, { scans: {} }).met).toBe(false);
  });
});

describe("milestones-done", () => {
  const milestones: Milestone[] = [
    { id: "a", workStream: "w", title: "Alpha", week: 1, done: { at: "2025-10-05", by: "x" } },
    { id: "b", workStream: "w", title: "Beta", week: 2 },
  ];
  const c = crit({ type: "milestones-done", milestones: ["a", "b"] });
  it("needs every listed milestone done", () => {
    expect(evaluateExitCriterion(c, { scans: {}, milestones })).toMatchObject({
      met: false,
      missingMilestones: ["b"],
      evidence: "1 of 2 milestones done; open: Beta",
    });
    expect(evaluateExitCriterion(c, { scans: {}, milestones, state: { milestones: { b: true } } }).met).toBe(
      true,
    );
  });
});

describe("evaluatePhaseExitCriteria", () => {
  it("groups by period and keeps the phase's own", () => {
    const manual = crit({ type: "manual" }, "p");
    const r = evaluatePhaseExitCriteria(
      {
        weeks: [
          {
            id: "week-1",
            label: "Week 1",
            title: "t",
            from: 1,
            to: 1,
            start: "2025-10-05",
            end: "2025-10-11",
            goals: [],
            exitCriteria: [crit({ type: "any-pass", control: "rnr", environment: "prod" }, "w1")],
          },
        ],
        exitCriteria: [manual],
        milestones: [],
      },
      { scans: { prod } },
    );
    expect(r.periods).toEqual([
      { periodId: "week-1", label: "Week 1", criteria: [expect.objectContaining({ id: "w1", met: true })] },
    ]);
    expect(r.phase.map((c) => c.id)).toEqual(["p"]);
    expect(evaluateExitCriteria([], { scans: {} })).toEqual([]);
  });
});
