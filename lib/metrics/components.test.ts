import { describe, expect, it } from "vitest";
import { checkControls, componentNamer, countStatuses } from "./components";
import { scan, wl } from "./test-fixtures";

describe("countStatuses", () => {
  it("counts from workloads and treats a missing result as n/a", () => {
    const s = scan([wl("a", { x: "pass" }), wl("b", { x: "waived" }), wl("c", { x: "fail" }), wl("d", {})]);
    expect(countStatuses(s, "x")).toEqual({ pass: 1, waived: 1, fail: 1, "n/a": 1 });
  });
  it("is all zero on an empty scan", () => {
    expect(countStatuses(scan([]), "x")).toEqual({ pass: 0, waived: 0, fail: 0, "n/a": 0 });
  });
});

describe("checkControls", () => {
  it("meets a list with pass, waived or n/a; leaves out components no control applies to", () => {
    const s = scan([
      wl("ok", { x: "pass", y: "pass" }),
      wl("waived", { x: "waived", y: "pass" }),
      wl("partly-na", { x: "pass", y: "n/a" }),
      wl("bad", { x: "fail", y: "fail" }),
      wl("none", { x: "n/a", y: "n/a" }),
    ]);
    const c = checkControls(s, ["x", "y"]);
    expect(c).toMatchObject({ inScope: 4, met: 3, metByWaiver: 1, outOfScope: 1 });
    expect(c.ratio).toBeCloseTo(3 / 4);
    expect(c.failing).toEqual([
      {
        component: { kind: "Deployment", namespace: "apps", name: "bad" },
        label: "bad",
        controls: ["x", "y"],
      },
    ]);
  });
  it("has a null ratio when nothing is in scope (all n/a, or empty scan)", () => {
    expect(checkControls(scan([wl("a", { x: "n/a" })]), ["x"]).ratio).toBeNull();
    expect(checkControls(scan([]), ["x"])).toMatchObject({ inScope: 0, met: 0, ratio: null });
  });
});

describe("componentNamer", () => {
  it("qualifies a name only when it is ambiguous in the scan", () => {
    const s = scan([
      wl("api", {}),
      wl("redis", {}, { namespace: "a" }),
      wl("redis", {}, { namespace: "b" }),
      wl("x", {}, { namespace: "n", kind: "Deployment" }),
      wl("x", {}, { namespace: "n", kind: "StatefulSet" }),
    ]);
    const name = componentNamer(s);
    expect(s.workloads.map(name)).toEqual(["api", "a/redis", "b/redis", "Deployment n/x", "StatefulSet n/x"]);
  });
});

describe("objects that are not workloads (scan.resources)", () => {
  const service = (name: string, status: "pass" | "fail" | "n/a") => ({
    kind: "Service",
    namespace: "apps",
    name,
    controls: { "vap:internal": { status } },
  });
  const s = {
    ...scan([
      wl("api", { "vap:internal": "n/a", x: "fail" }),
      wl("web", { "vap:internal": "pass", x: "pass" }),
    ]),
    resources: [service("api", "fail"), service("web", "pass"), service("docs", "n/a")],
  };

  it("count in the figures of the policy controls they carry, not in the built-in ones", () => {
    expect(countStatuses(s, "vap:internal")).toEqual({ pass: 2, fail: 1, waived: 0, "n/a": 2 });
    expect(countStatuses(s, "x")).toEqual({ pass: 1, fail: 1, waived: 0, "n/a": 0 });
    expect(checkControls(s, ["x"])).toMatchObject({ inScope: 2, met: 1, outOfScope: 0 });
  });

  it("are in scope of a policy control and named with their kind when they fail", () => {
    const c = checkControls(s, ["vap:internal"]);
    expect(c).toMatchObject({ inScope: 3, met: 2, outOfScope: 2 });
    expect(c.ratio).toBeCloseTo(2 / 3);
    expect(c.failing).toEqual([
      {
        component: { kind: "Service", namespace: "apps", name: "api" },
        label: "Service apps/api",
        controls: ["vap:internal"],
      },
    ]);
    // The workload named as the Service keeps its bare name; a cluster-scoped object has no namespace.
    const name = componentNamer({
      ...s,
      resources: [...s.resources, { ...service("apps", "n/a"), kind: "Namespace", namespace: "" }],
    });
    expect([name(s.workloads[0]), name({ kind: "Namespace", namespace: "", name: "apps" })]).toEqual([
      "api",
      "Namespace apps",
    ]);
  });
});
