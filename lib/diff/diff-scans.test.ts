import { describe, expect, it } from "vitest";
import { type DiffableWorkload, diffFails, diffScans } from "./diff-scans";
import { renderDiffMarkdown } from "./render-diff";

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

  it("counts the policy result changes of objects that are not workloads, never as components added or removed", () => {
    const service = (name: string, status: DiffableWorkload["controls"][string]["status"]) => ({
      kind: "Service",
      namespace: "apps",
      name,
      file: "svc.yaml",
      controls: { "vap:internal": { status } },
    });
    const diff = diffScans(
      {
        workloads: [workload("api", { a: "pass" })],
        resources: [service("api", "fail"), service("old", "fail")],
      },
      {
        workloads: [workload("api", { a: "pass" })],
        resources: [{ ...service("api", "pass"), category: "Edge" }, service("new", "fail")],
      },
    );
    expect(diff.fixed).toEqual([
      {
        kind: "Service",
        namespace: "apps",
        name: "api",
        category: "Edge",
        file: "svc.yaml",
        control: "vap:internal",
        from: "fail",
        to: "pass",
      },
    ]);
    expect(diff.totals).toMatchObject({ fixed: 1, added: 0, removed: 0, unchanged: 1 });
    expect(diff.byCategory.Edge).toMatchObject({ fixed: 1 });
    // Without a category (an older scanner's JSON) it is Uncategorised, as a workload without one.
    const plain = diffScans(
      { workloads: [], resources: [service("api", "pass")] },
      { workloads: [], resources: [service("api", "fail")] },
    );
    expect(plain.regressed.map((c) => c.category)).toEqual(["Uncategorised"]);
  });

  describe("a policy whose text changed", () => {
    const before = {
      workloads: [
        workload("api", { "vap:registry": "fail", "vap:labels": "fail", a: "fail" }),
        workload("web", { "vap:registry": "pass", "vap:labels": "pass" }),
      ],
      policies: [
        { name: "registry", hash: "1111111111111111" },
        { name: "labels", hash: "aaaaaaaaaaaaaaaa" },
      ],
    };
    const after = {
      workloads: [
        workload("api", { "vap:registry": "pass", "vap:labels": "pass", a: "pass" }),
        workload("web", { "vap:registry": "fail", "vap:labels": "pass" }),
      ],
      policies: [
        { name: "registry", hash: "2222222222222222" },
        { name: "labels", hash: "aaaaaaaaaaaaaaaa" },
      ],
    };

    it("is flagged as changed and its result changes are not counted as fixed or regressed", () => {
      const diff = diffScans(before, after);
      expect(diff.policiesChanged).toEqual([
        {
          control: "vap:registry",
          name: "registry",
          fromHash: "1111111111111111",
          toHash: "2222222222222222",
          changes: 2,
        },
      ]);
      // vap:labels kept its text: its fix counts, as the built-in control's does.
      expect(diff.fixed.map((c) => `${c.name}:${c.control}`)).toEqual(["api:a", "api:vap:labels"]);
      expect(diff.regressed).toEqual([]);
      expect(diff.totals).toMatchObject({ fixed: 2, regressed: 0 });
      expect(diffFails(diff, ["regression"])).toBe(false);
    });

    it("is not flagged when only one scan lists the policy (an older scan, or a new policy)", () => {
      const diff = diffScans({ workloads: before.workloads }, after);
      expect(diff.policiesChanged).toEqual([]);
      expect(diff.regressed.map((c) => c.control)).toEqual(["vap:registry"]);
    });

    it("the Markdown diff lists it with both hashes and the changes not counted", () => {
      const md = renderDiffMarkdown(diffScans(before, after));
      expect(md).toContain(
        "**2 fixed**, **0 regressed**, 0 newly waived, 0 components added, 0 removed, 0 unchanged, 1 policy changed.",
      );
      expect(md).toContain("## Policies changed");
      expect(md).toContain("| `vap:registry` | `1111111111111111` | `2222222222222222` | 2 |");
      expect(renderDiffMarkdown(diffScans(before, before))).not.toContain("Policies changed");
    });
  });
});
