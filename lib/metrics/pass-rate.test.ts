import { describe, expect, it } from "vitest";
import { enforcedRate, passRate } from "./pass-rate";

describe("passRate", () => {
  it("counts waived as met and leaves n/a out of the denominator", () => {
    expect(passRate({ pass: 18, waived: 1, fail: 1, "n/a": 5 })).toBeCloseTo(19 / 20);
  });
  it("is null when the control applies to nothing", () => {
    expect(passRate({ pass: 0, waived: 0, fail: 0, "n/a": 3 })).toBeNull();
    expect(passRate(undefined)).toBeNull();
  });
});

describe("enforcedRate", () => {
  it("sets documented exceptions aside: pass / (pass + fail)", () => {
    expect(enforcedRate({ pass: 12, waived: 1, fail: 7, "n/a": 0 })).toBeCloseTo(12 / 19);
    expect(enforcedRate({ pass: 19, waived: 1, fail: 0, "n/a": 0 })).toBe(1);
  });
  it("is null when only waived or n/a components remain", () => {
    expect(enforcedRate({ pass: 0, waived: 2, fail: 0, "n/a": 3 })).toBeNull();
    expect(enforcedRate(undefined)).toBeNull();
  });
});
