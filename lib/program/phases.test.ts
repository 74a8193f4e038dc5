import { describe, expect, it } from "vitest";
import { currentPhase, phaseStatus, phaseSummary } from "./phases.ts";

const phases = [
  { id: "p1", start: "2025-09-21", end: "2025-10-04" },
  { id: "p2", start: "2025-10-05", end: "2025-11-29" },
  { id: "p3", start: "2025-12-07", end: "2026-01-31" },
];

describe("phaseStatus", () => {
  it("is done after the last day, current on the first and last day, planned before", () => {
    expect(phaseStatus(phases[1], "2025-11-30")).toBe("done");
    expect(phaseStatus(phases[1], "2025-11-29")).toBe("current");
    expect(phaseStatus(phases[1], "2025-10-05")).toBe("current");
    expect(phaseStatus(phases[1], "2025-10-04")).toBe("planned");
  });
});

describe("phaseSummary", () => {
  it("keeps the identity and dates, adds the status by date, and a number only when there is one", () => {
    expect(phaseSummary({ ...phases[0], name: "Foundation", number: 1 }, "2025-10-05")).toEqual({
      id: "p1",
      name: "Foundation",
      number: 1,
      start: "2025-09-21",
      end: "2025-10-04",
      status: "done",
    });
    expect(phaseSummary({ ...phases[2], name: "Scale" }, "2025-10-05")).not.toHaveProperty("number");
    expect(phaseSummary({ ...phases[2], name: "Scale" }, "2025-10-05").status).toBe("planned");
  });
});

describe("currentPhase", () => {
  it("is the phase today falls in", () => {
    expect(currentPhase(phases, "2025-10-01")?.id).toBe("p1");
    expect(currentPhase(phases, "2025-12-07")?.id).toBe("p3");
  });
  it("between phases, the phase of the latest activity, else the latest started", () => {
    expect(currentPhase(phases, "2025-12-03", "2025-11-29")?.id).toBe("p2");
    expect(currentPhase(phases, "2025-12-03")?.id).toBe("p2");
  });
  it("after the last phase, the phase holding the latest activity (a planned phase never run is not current)", () => {
    expect(currentPhase(phases, "2026-12-02", "2025-11-29")?.id).toBe("p2");
    expect(currentPhase(phases, "2026-12-02", "2026-01-10")?.id).toBe("p3");
    expect(currentPhase(phases, "2026-12-02", "2024-01-01")?.id).toBe("p3");
  });
  it("before the first phase, the first; no phases, none", () => {
    expect(currentPhase(phases, "2025-01-01")?.id).toBe("p1");
    expect(currentPhase([], "2025-01-01")).toBeUndefined();
  });
});
