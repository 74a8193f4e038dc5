import { describe, expect, it } from "vitest";
import { burnUpFromChecks, computeBurnUp } from "./burn-up";
import { checkControls } from "./components";
import { scan, wl } from "./test-fixtures";

const window = { start: "2025-10-01", end: "2025-10-10" }; // 10 days
const at = (takenAt: string, statuses: ("pass" | "fail" | "waived" | "n/a")[]) =>
  ({ ...scan(statuses.map((s, i) => wl(`w${i}`, { x: s }))), takenAt }) as const;

describe("computeBurnUp", () => {
  it("counts hardened components per scan in time order beside a linear plan from 0", () => {
    const b = computeBurnUp(
      [
        at("2025-10-06T00:00:00Z", ["pass", "pass", "waived", "fail"]),
        at("2025-10-01T00:00:00Z", ["pass", "fail", "fail", "fail", "n/a"]),
        at("2025-10-11T00:00:00Z", ["pass", "pass", "pass", "waived"]),
      ],
      { controls: ["x"], window },
    );
    expect(b.points.map((p) => [p.takenAt.slice(0, 10), p.hardened, p.inScope])).toEqual([
      ["2025-10-01", 1, 4],
      ["2025-10-06", 3, 4],
      ["2025-10-11", 4, 4],
    ]);
    expect(b.total).toBe(4);
    expect(b.points.map((p) => p.planned)).toEqual([0, 2, 4]);
    expect(b.plan).toEqual([
      { at: "2025-10-01T00:00:00.000Z", value: 0 },
      { at: "2025-10-11T00:00:00.000Z", value: 4 },
    ]);
  });
  it("can start the plan from the first scan", () => {
    const b = computeBurnUp(
      [at("2025-10-01T00:00:00Z", ["pass", "fail"]), at("2025-10-06T00:00:00Z", ["pass", "pass"])],
      { controls: ["x"], window, baseline: "first-scan" },
    );
    expect(b.baseline).toBe(1);
    expect(b.points.map((p) => p.planned)).toEqual([1, 1.5]);
  });
  it("handles no scans and scans where nothing is in scope", () => {
    expect(computeBurnUp([], { controls: ["x"], window })).toMatchObject({ total: 0, points: [] });
    const b = computeBurnUp([at("2025-10-02T00:00:00Z", ["n/a"])], { controls: ["x"], window });
    expect(b.points[0]).toMatchObject({ hardened: 0, inScope: 0, ratio: null, planned: 0 });
  });
  it("gives the same burn-up from checks computed beforehand (what a per-scan cache keeps)", () => {
    const scans = [
      at("2025-10-06T00:00:00Z", ["pass", "pass", "waived", "fail"]),
      at("2025-10-01T00:00:00Z", ["pass", "fail", "fail", "fail", "n/a"]),
      at("2025-10-06T00:00:00Z", ["pass", "fail"]),
    ];
    const options = { controls: ["x"], window, baseline: "first-scan" as const };
    const checks = scans.map((s) => {
      const { met, inScope, ratio } = checkControls(s, ["x"]);
      return { takenAt: new Date(s.takenAt), check: { met, inScope, ratio } };
    });
    expect(burnUpFromChecks(checks, options)).toEqual(computeBurnUp(scans, options));
    expect(burnUpFromChecks(checks, options).points.map((p) => p.hardened)).toEqual([1, 3, 1]);
  });
});

describe("the plan line follows the work stream", () => {
  it("reaches the target at the end of the stream's window and judges the latest scan against it", () => {
    const stream = { start: "2025-10-05", end: "2025-10-25" }; // weeks 1-3 of a longer phase
    const b = computeBurnUp(
      [
        at("2025-10-05T00:00:00Z", ["fail", "fail", "fail", "fail"]),
        at("2025-10-20T00:00:00Z", ["pass", "pass", "fail", "fail"]),
      ],
      { controls: ["x"], window: stream, asOf: "2025-10-21" },
    );
    expect(b.plan[1]).toEqual({ at: "2025-10-26T00:00:00.000Z", value: 4 });
    expect(b.status).toMatchObject({ status: "behind" });
    expect(b.status?.due).toBeCloseTo(17 / 21);
    const early = computeBurnUp([at("2025-10-08T00:00:00Z", ["pass", "pass", "fail", "fail"])], {
      controls: ["x"],
      window: stream,
      asOf: "2025-10-08",
    });
    expect(early.status?.status).toBe("on-track");
    expect(computeBurnUp([], { controls: ["x"], window: stream, asOf: "2025-10-08" }).status).toBeUndefined();
  });
});
