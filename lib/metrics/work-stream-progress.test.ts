import { describe, expect, it } from "vitest";
import type { Milestone, WorkStream } from "@/lib/program";
import { scan, wl } from "./test-fixtures";
import { computePhaseProgress, computeWorkStreamProgress } from "./work-stream-progress";

const scanStream: WorkStream = {
  id: "hardening",
  name: "Hardening",
  weeks: { from: 1, to: 3 },
  weight: 3,
  progress: { type: "scan", environment: "prod", controls: ["x", "y"] },
};
const msStream: WorkStream = {
  id: "rbac",
  name: "RBAC",
  weeks: { from: 2, to: 5 },
  weight: 1,
  progress: { type: "milestones" },
};
const milestones: Milestone[] = [
  { id: "m1", workStream: "rbac", title: "One", week: 2, done: { at: "2025-10-05", by: "me" } },
  { id: "m2", workStream: "rbac", title: "Two", week: 3 },
  { id: "m3", workStream: "rbac", title: "Three", week: 5 },
  { id: "other", workStream: "hardening", title: "Other", week: 1 },
];
const prod = scan([
  wl("a", { x: "pass", y: "pass" }),
  wl("b", { x: "waived", y: "pass" }),
  wl("c", { x: "fail", y: "pass" }),
  wl("d", { x: "n/a", y: "n/a" }),
]);

describe("computeWorkStreamProgress", () => {
  it("scan: share of components passing or waived on every listed control", () => {
    const p = computeWorkStreamProgress(scanStream, { scans: { prod }, milestones });
    expect(p).toMatchObject({ source: "scan", done: 2, total: 3, scanned: true });
    expect(p.progress).toBeCloseTo(2 / 3);
    expect(p.label).toBe("from scan data: 2 of 3 prod components pass x and y");
  });
  it("scan: 0 without a scan or with nothing in scope", () => {
    expect(computeWorkStreamProgress(scanStream, { scans: {}, milestones })).toMatchObject({
      progress: 0,
      scanned: false,
      label: "from scan data: no scan of prod yet",
    });
    const empty = computeWorkStreamProgress(scanStream, { scans: { prod: scan([]) }, milestones });
    expect(empty).toMatchObject({ progress: 0, total: 0 });
  });
  it("milestones: done / total of the work stream's own milestones; recorded state wins", () => {
    const p = computeWorkStreamProgress(msStream, { scans: {}, milestones });
    expect(p).toMatchObject({
      source: "milestones",
      done: 1,
      total: 3,
      label: "from milestones: 1 of 3 done",
    });
    const state = { milestones: { m1: null, m2: true, m3: { at: "2025-11-01", by: "x" } } };
    expect(computeWorkStreamProgress(msStream, { scans: {}, milestones, state }).done).toBe(2);
  });
});

describe("computePhaseProgress", () => {
  it("weights work streams", () => {
    const p = computePhaseProgress(
      { name: "Phase 2", workStreams: [scanStream, msStream], milestones },
      { prod },
    );
    expect(p.totalWeight).toBe(4);
    expect(p.overall).toBeCloseTo((3 * (2 / 3) + 1 * (1 / 3)) / 4);
    expect(p.explanation).toBe("Phase 2 progress, weighted by work stream: (3 × 67% + 1 × 33%) / 4 = 58%");
  });
});

describe("each work stream is judged against its own plan", () => {
  const phase = {
    name: "Phase",
    start: "2025-10-05",
    end: "2025-11-29",
    workStreams: [{ ...scanStream, weeks: { from: 1, to: 3 } }],
    milestones: [],
  };
  const sevenComponents = (passing: number) =>
    scan(Array.from({ length: 7 }, (_, i) => wl(`w${i}`, { x: i < passing ? "pass" : "fail", y: "pass" })));

  it("a stream due in 4 days at 4 of 7 is behind: its plan reaches 100% at the end of its week 3, not the phase's end", () => {
    // Oct 21: day 17 of the stream's 21 days (due 81%); the whole phase's plan would only ask for 17 of 56 days.
    const p = computePhaseProgress(phase, { prod: sevenComponents(4) }, undefined, "2025-10-21");
    const [stream] = p.workStreams;
    expect(stream.progress).toBeCloseTo(4 / 7);
    expect(stream.plan?.window).toEqual({ start: "2025-10-05", end: "2025-10-25" });
    expect(stream.plan?.due).toBeCloseTo(17 / 21);
    expect(stream.plan?.status).toBe("behind");
  });

  it("on track when ahead of its own plan, behind after its end until complete, complete at 100%", () => {
    const at = (passing: number, asOf: string) =>
      computePhaseProgress(phase, { prod: sevenComponents(passing) }, undefined, asOf).workStreams[0].plan
        ?.status;
    expect(at(4, "2025-10-12")).toBe("on-track"); // day 8 of 21: 38% due
    expect(at(0, "2025-10-04")).toBe("not-started");
    expect(at(6, "2025-10-26")).toBe("behind");
    expect(at(7, "2025-11-20")).toBe("complete");
  });

  it("without a date there is no plan", () => {
    expect(computePhaseProgress(phase, { prod: sevenComponents(4) }).workStreams[0].plan).toBeUndefined();
  });
});
