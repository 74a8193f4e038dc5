import { describe, expect, it } from "vitest";
import type { Metric } from "@/lib/program";
import { computeHardeningMetric, computeHardeningMetrics } from "./hardening-metrics";
import { scan, wl } from "./test-fixtures";

const control = (c: string, target: Metric["target"] = "all-applicable", workStream?: string): Metric => ({
  kind: "control",
  id: c,
  label: c,
  control: c,
  environment: "prod",
  target,
  ...(workStream ? { workStream } : {}),
});
const count: Metric = {
  kind: "components-count",
  id: "deployments",
  label: "Production Deployments",
  environment: "prod",
  target: "all-applicable",
};

const prod = scan([
  wl("api", { rnr: "pass", rofs: "pass" }),
  wl("db", { rnr: "pass", rofs: "n/a" }, { kind: "StatefulSet" }),
  wl("promtail", { rnr: "waived", rofs: "pass" }, { justification: { rnr: "reads root-owned logs" } }),
  wl("old", { rnr: "fail", rofs: "fail" }),
]);

describe("computeHardeningMetric", () => {
  it("components-count: number of components, target the same unless given", () => {
    expect(computeHardeningMetric(count, { prod })).toMatchObject({
      target: 4,
      achieved: 4,
      ratio: 1,
      status: "complete",
      targetSource: "all-applicable",
    });
    expect(computeHardeningMetric({ ...count, target: 5 }, { prod })).toMatchObject({
      target: 5,
      achieved: 4,
      ratio: 0.8,
      targetSource: "fixed",
    });
  });

  it("control: target = applicable minus waived, achieved = passing, waived listed as exceptions", () => {
    const row = computeHardeningMetric(control("rnr"), { prod });
    // applicable: api, db, promtail, old (4) − waived promtail = 3; passing: api, db
    expect(row).toMatchObject({ target: 3, achieved: 2, notApplicable: 0, status: "on-track" });
    expect(row.ratio).toBeCloseTo(2 / 3);
    expect(row.note).toBe("1 exception: promtail; 1 failing");
    expect(row.waived).toEqual([
      {
        component: "promtail",
        ref: { kind: "Deployment", namespace: "apps", name: "promtail" },
        justification: "reads root-owned logs",
      },
    ]);
  });

  it("n/a narrows the target (where the pattern requires it)", () => {
    const row = computeHardeningMetric(control("rofs"), { prod });
    expect(row).toMatchObject({ target: 3, achieved: 2, notApplicable: 1, status: "on-track" });
    expect(row.ratio).toBeCloseTo(2 / 3);
    expect(row.failing.map((f) => f.name)).toEqual(["old"]);
    expect(row.note).toContain("not required for 1 component (n/a)");
  });

  it("uses a numeric target as given", () => {
    const row = computeHardeningMetric(control("rofs", 12), { prod });
    expect(row).toMatchObject({ target: 12, achieved: 2, targetSource: "fixed", status: "on-track" });
    expect(row.ratio).toBeCloseTo(2 / 12);
    expect(computeHardeningMetric(control("rofs", 0), { prod })).toMatchObject({
      ratio: null,
      status: "complete",
    });
  });

  it("edge cases: all n/a, waived only, no scan, empty scan", () => {
    const allNa = scan([wl("a", { x: "n/a" }), wl("b", {})]);
    expect(computeHardeningMetric(control("x"), { prod: allNa })).toMatchObject({
      target: 0,
      achieved: 0,
      ratio: null,
      status: "complete",
      notApplicable: 2,
    });
    const waivedOnly = scan([wl("a", { x: "waived" })]);
    const w = computeHardeningMetric(control("x"), { prod: waivedOnly });
    expect(w).toMatchObject({ target: 0, achieved: 0, ratio: null, status: "complete" });
    expect(w.note).toContain("1 exception: a");
    expect(computeHardeningMetric(control("x"), {})).toMatchObject({
      scanned: false,
      status: "not-started",
      ratio: null,
      note: "No scan of prod yet",
    });
    expect(computeHardeningMetric(count, { prod: scan([]) })).toMatchObject({
      target: 0,
      achieved: 0,
      ratio: null,
      status: "complete",
    });
    expect(computeHardeningMetric(control("x", 3), { prod: scan([]) })).toMatchObject({
      target: 3,
      achieved: 0,
      status: "not-started",
    });
  });

  it("judges on-track / behind / not-started against the work stream's planned window", () => {
    const phase = {
      start: "2025-10-05",
      end: "2025-11-29",
      workStreams: [{ id: "ws", weeks: { from: 2, to: 3 } }],
    };
    const half = scan([wl("a", { x: "pass" }), wl("b", { x: "fail" })]);
    const none = scan([wl("a", { x: "fail" })]);
    const m = control("x", "all-applicable", "ws");
    const at = (asOf: string, s = half) => computeHardeningMetric(m, { prod: s }, { phase, asOf }).status;
    expect(at("2025-10-05", none)).toBe("not-started"); // before the window
    expect(at("2025-10-14")).toBe("on-track"); // 50% done, 3/14 due
    expect(at("2025-10-22")).toBe("behind"); // 50% done, 11/14 due
    expect(at("2025-10-25")).toBe("behind"); // window over
    expect(at("2025-10-25", none)).toBe("behind");
    // defaults asOf to the scan's takenAt
    const dated = { ...half, takenAt: "2025-10-22T10:00:00Z" };
    expect(computeHardeningMetric(m, { prod: dated }, { phase }).status).toBe("behind");
  });

  it("keeps the program's order", () => {
    expect(computeHardeningMetrics([count, control("rnr")], { prod }).map((r) => r.id)).toEqual([
      "deployments",
      "rnr",
    ]);
  });
});
