import { describe, expect, it } from "vitest";
import { type DiffableWorkload, diffFails, diffScans } from "./diff-scans";

const workload = (
  name: string,
  controls: Record<string, DiffableWorkload["controls"][string]["status"]>,
  category = "Core",
): DiffableWorkload => ({
  kind: "Deployment",
  namespace: "apps",
  name,
  category,
  file: "deploy.yaml",
  controls: Object.fromEntries(Object.entries(controls).map(([id, status]) => [id, { status }])),
});

describe("diffScans", () => {
  it("classifies each control transition and counts per category", () => {
    const before = {
      workloads: [
        workload("api", { a: "fail", b: "pass", c: "fail", d: "waived", e: "n/a" }),
        workload("gone", { a: "pass" }, "Legacy"),
      ],
    };
    const after = {
      workloads: [
        workload("api", { a: "pass", b: "fail", c: "waived", d: "fail", e: "fail" }),
        workload("new", { a: "fail" }, "Data"),
      ],
    };
    const diff = diffScans(before, after);
    expect(diff.fixed.map((c) => c.control)).toEqual(["a"]);
    expect(diff.regressed.map((c) => `${c.control}:${c.from}`)).toEqual(["b:pass", "d:waived", "e:n/a"]);
    expect(diff.waived.map((c) => c.control)).toEqual(["c"]);
    expect(diff.added.map((c) => c.name)).toEqual(["new"]);
    expect(diff.removed.map((c) => c.name)).toEqual(["gone"]);
    expect(diff.byCategory.Core).toEqual({
      added: 0,
      removed: 0,
      fixed: 1,
      regressed: 3,
      waived: 1,
      unwaived: 0,
    });
    expect(diff.byCategory.Data.added).toBe(1);
    expect(diff.byCategory.Legacy.removed).toBe(1);
    expect(diff.totals).toMatchObject({
      fixed: 1,
      regressed: 3,
      waived: 1,
      added: 1,
      removed: 1,
      unchanged: 0,
    });
  });

  it("reports nothing between identical scans and ignores controls one side did not evaluate", () => {
    const scan = { workloads: [workload("api", { a: "pass", b: "fail" })] };
    const partial = { workloads: [workload("api", { a: "pass" })] };
    expect(diffScans(scan, scan).totals).toMatchObject({ fixed: 0, regressed: 0, unchanged: 1 });
    expect(diffScans(partial, scan).regressed).toEqual([]);
  });

  it("fails a gate only on what it names", () => {
    const diff = diffScans(
      { workloads: [workload("api", { a: "pass" })] },
      { workloads: [workload("api", { a: "fail" })] },
    );
    expect(diffFails(diff, ["regression"])).toBe(true);
    expect(diffFails(diff, ["removed"])).toBe(false);
  });
});
