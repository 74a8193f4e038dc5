import { describe, expect, it } from "vitest";
import { passRate } from "./pass-rate";

describe("passRate", () => {
  it("counts waived as met and leaves n/a out of the denominator", () => {
    expect(passRate({ pass: 18, waived: 1, fail: 1, "n/a": 5 })).toBeCloseTo(19 / 20);
  });
  it("is null when the control applies to nothing", () => {
    expect(passRate({ pass: 0, waived: 0, fail: 0, "n/a": 3 })).toBeNull();
    expect(passRate(undefined)).toBeNull();
  });
});
