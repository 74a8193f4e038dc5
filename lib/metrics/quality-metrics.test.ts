import { describe, expect, it } from "vitest";
import { compareControlRates, controlRate } from "./quality-metrics";
import { scan, wl } from "./test-fixtures";

const before = scan([
  wl("a", { rnr: "pass" }),
  wl("b", { rnr: "fail" }),
  wl("c", { rnr: "fail" }),
  wl("promtail", { rnr: "waived" }),
  wl("job", { rnr: "n/a" }),
]);
const after = scan([
  wl("a", { rnr: "pass" }),
  wl("b", { rnr: "pass" }),
  wl("c", { rnr: "pass" }),
  wl("promtail", { rnr: "waived" }),
]);

describe("controlRate", () => {
  it("sets exceptions aside (the table's achieved / target) and also gives the waived-as-met rate", () => {
    const r = controlRate(before, "rnr");
    expect(r).toMatchObject({ pass: 1, fail: 2, waived: 1, notApplicable: 1, target: 3 });
    expect(r.rate).toBeCloseTo(1 / 3);
    expect(r.metRate).toBeCloseTo(2 / 4);
  });
});

describe("compareControlRates", () => {
  it("reports before → after per control with labels", () => {
    const [c] = compareControlRates(before, after, [{ control: "rnr", label: "runAsNonRoot" }]);
    expect(c.summary).toBe("runAsNonRoot: 33% → 100%");
    expect(c.delta).toBeCloseTo(2 / 3);
  });
  it("handles a missing before scan, empty scans and controls that apply to nothing", () => {
    const [c] = compareControlRates(null, after, ["rnr"]);
    expect(c).toMatchObject({ before: null, delta: null, summary: "rnr: n/a → 100%" });
    const [e] = compareControlRates(scan([]), scan([wl("x", { rnr: "n/a" })]), ["rnr"]);
    expect(e).toMatchObject({ delta: null, summary: "rnr: n/a → n/a" });
    expect(e.after?.rate).toBeNull();
  });
});
