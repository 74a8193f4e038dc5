import { describe, expect, it } from "vitest";
import { computeMaturity } from "./maturity";

const model = { baseline: 0.65, target: 0.8, model: "phase-progress" as const };

describe("computeMaturity", () => {
  it("interpolates baseline → target by phase progress and explains it", () => {
    const m = computeMaturity(model, 0.3, "Phase 2");
    expect(m.value).toBeCloseTo(0.695);
    expect(m.explanation).toBe("65% baseline + (80% target − 65% baseline) × 30% Phase 2 progress = 69.5%");
  });
  it("is the baseline at 0 and the target at 1, clamping progress", () => {
    expect(computeMaturity(model, 0).value).toBe(0.65);
    expect(computeMaturity(model, 1).value).toBeCloseTo(0.8);
    expect(computeMaturity(model, 1.5).phaseProgress).toBe(1);
    expect(computeMaturity(model, -1).value).toBe(0.65);
  });
});
