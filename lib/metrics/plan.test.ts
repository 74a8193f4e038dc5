import { describe, expect, it } from "vitest";
import { plannedShare, toIsoDate, workStreamWindow } from "./plan";

const phase = {
  start: "2025-10-05",
  end: "2025-11-29",
  workStreams: [
    { id: "a", weeks: { from: 1, to: 3 } },
    { id: "late", weeks: { from: 8, to: 9 } },
  ],
};

describe("plan", () => {
  it("derives a work stream's window from the phase's week numbering", () => {
    expect(workStreamWindow(phase, "a")).toEqual({ start: "2025-10-05", end: "2025-10-25" });
    expect(workStreamWindow(phase, "late")).toEqual({ start: "2025-11-23", end: "2025-11-29" });
    expect(workStreamWindow(phase, undefined)).toEqual({ start: "2025-10-05", end: "2025-11-29" });
  });
  it("gives the linear plan's share due by a date (inclusive days)", () => {
    const w = { start: "2025-10-05", end: "2025-10-25" };
    expect(plannedShare(w, "2025-10-04")).toBe(0);
    expect(plannedShare(w, "2025-10-05T08:30:00Z")).toBeCloseTo(1 / 21);
    expect(plannedShare(w, "2025-10-25")).toBe(1);
    expect(plannedShare(w, new Date("2025-12-01T00:00:00Z"))).toBe(1);
  });
  it("reduces date-times to their UTC date", () => {
    expect(toIsoDate("2025-10-11T23:45:00-02:00")).toBe("2025-10-12");
    expect(toIsoDate("2025-10-11")).toBe("2025-10-11");
  });
});
