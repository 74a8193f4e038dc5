import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanResultSchema, type WorkloadResult } from "../scanner/index.ts";
import { detectFormat, ImportError, type ImportedScan, importScan, parseReportText } from "./index.ts";
import { checkIdOf } from "./policyreport.ts";

const now = new Date("2026-12-01T10:00:00Z");
const text = (name: string) => readFileSync(join(import.meta.dirname, "samples", name), "utf8");
const run = (name: string): ImportedScan =>
  importScan("policyreport", parseReportText(text(name), name), { now, fileName: name });

function wl(s: ImportedScan, namespace: string, kind: string, name: string): WorkloadResult {
  const w = s.result.workloads.find((x) => x.namespace === namespace && x.kind === kind && x.name === name);
  if (!w) throw new Error(`no workload ${namespace}/${kind}/${name}`);
  return w;
}

const SAMPLES = [
  "kyverno-policyreports.yaml",
  "trivy-operator-policyreports.yaml",
  "kubescape-operator-policyreports.yaml",
  "falco-openreports.yaml",
];

describe("policy report samples", () => {
  it.each(SAMPLES)("%s: detected, valid ScanResult, cluster evidence dated by its newest result", (name) => {
    const json = parseReportText(text(name), name);
    expect(detectFormat(json)).toBe("policyreport");
    const s = run(name);
    expect(scanResultSchema.safeParse(s.result).success).toBe(true);
    expect(s.evidence).toBe("cluster");
    expect(Date.parse(s.result.generatedAt)).toBeLessThan(now.getTime());
    expect(s.result.generatedAt.startsWith("2026-11-30")).toBe(true);
    // observedAt: the span of the results' timestamps, ending at generatedAt.
    const span = s.observedAt?.split(" ") ?? [];
    expect(span.length).toBeGreaterThanOrEqual(1);
    expect(span.at(-1)).toBe(s.result.generatedAt);
    expect(Date.parse(span[0])).toBeLessThanOrEqual(Date.parse(s.result.generatedAt));
  });

  it("dates reports without result timestamps by their creationTimestamp, and leaves future times out", () => {
    const report = (name: string, created: string) => ({
      apiVersion: "wgpolicyk8s.io/v1alpha2",
      kind: "PolicyReport",
      metadata: { name, namespace: "shop", creationTimestamp: created },
      results: [
        {
          source: "kyverno",
          policy: "require-team-label",
          result: "fail",
          resources: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop" }],
        },
      ],
    });
    const s = importScan(
      "policyreport",
      {
        apiVersion: "v1",
        kind: "List",
        items: [
          report("a", "2026-11-28T08:00:00Z"),
          report("b", "2026-11-29T09:30:00Z"),
          report("c", "2027-01-01T00:00:00Z"),
        ],
      },
      { now },
    );
    expect(s.observedAt).toBe("2026-11-28T08:00:00.000Z 2026-11-29T09:30:00.000Z");
    expect(s.result.generatedAt).toBe("2026-11-29T09:30:00.000Z");
    const undated = importScan(
      "policyreport",
      { ...report("d", "not a date"), metadata: { name: "d" } },
      { now },
    );
    expect(undated.observedAt).toBeUndefined();
    expect(undated.result.generatedAt).toBe(now.toISOString());
  });

  it("Kyverno: pod-security policies map to controls, autogen rules included; pods fold into their Deployment", () => {
    const s = run("kyverno-policyreports.yaml");
    expect(s.tool).toBe("kyverno");
    const checkout = wl(s, "payments", "Deployment", "checkout");
    const st = (id: string) => checkout.controls[id]?.status;
    expect(st("pss-privileged")).toBe("pass");
    expect(st("pss-host-namespaces")).toBe("pass");
    expect(st("pss-host-path")).toBe("pass");
    expect(st("pss-privilege-escalation")).toBe("fail");
    expect(st("no-privilege-escalation")).toBe("fail");
    expect(st("run-as-non-root")).toBe("fail");
    expect(st("pss-seccomp-restricted")).toBe("fail");
    expect(st("capabilities-drop-all")).toBe("fail");
    expect(st("pss-capabilities-restricted")).toBe("fail");
    expect(st("read-only-root-filesystem")).toBe("fail"); // a warn on a mapped control
    expect(checkout.controls["no-privilege-escalation"].message).toContain("disallow-privilege-escalation");
    expect(wl(s, "payments", "StatefulSet", "ledger").controls["run-as-non-root"].status).toBe("pass");
    // The pod is listed as a finding, not as a second workload.
    expect(s.result.workloads.map((w) => w.name).sort()).toEqual(["checkout", "ledger"]);
    const pod = s.otherFindings.find((f) => f.kind === "Pod");
    expect(pod?.message).toContain("created by checkout");
    // The team's own policy and the namespace policy stay as Kyverno's own findings, with severity and category.
    const team = s.otherFindings.find((f) => f.checkId === "require-team-label");
    expect(team).toMatchObject({ tool: "kyverno", status: "fail", severity: "low", category: "Team rules" });
    const ns = s.otherFindings.find((f) => f.checkId === "require-psa-labels");
    expect(ns).toMatchObject({ kind: "Namespace", name: "payments", category: "Multi-Tenancy" });
  });

  it("Trivy operator: KSV ids (also AVD-KSV-0017) map; KSV020 stays a finding; the ReplicaSet is the workload", () => {
    const s = run("trivy-operator-policyreports.yaml");
    const web = wl(s, "storefront", "ReplicaSet", "web-7b9c6f5d4");
    expect(web.controls["no-privilege-escalation"].status).toBe("fail");
    expect(web.controls["capabilities-drop-all"].status).toBe("fail");
    expect(web.controls["run-as-non-root"].status).toBe("pass");
    expect(web.controls["read-only-root-filesystem"].status).toBe("fail");
    expect(web.controls["pss-privileged"].status).toBe("pass");
    expect(s.otherFindings.map((f) => f.checkId)).toEqual(["KSV020"]);
    const ds = wl(s, "monitoring", "DaemonSet", "node-exporter");
    expect(ds.controls["pss-host-namespaces"].status).toBe("fail");
    expect(ds.controls["pss-host-path"].status).toBe("fail");
    expect(ds.pattern).toBe("node-agent");
    expect(ds.pssLevel).toBe("privileged");
  });

  it("Kubescape operator: control ids map; C-0034 is a finding; a skipped control is absent", () => {
    const s = run("kubescape-operator-policyreports.yaml");
    const api = wl(s, "orders", "Deployment", "orders-api");
    expect(api.controls["run-as-non-root"].status).toBe("fail");
    expect(api.controls["pss-privilege-escalation"].status).toBe("fail");
    expect(api.controls["read-only-root-filesystem"].status).toBe("fail");
    expect(api.controls["pss-capabilities-baseline"].status).toBe("pass");
    expect(api.controls["pss-privileged"].status).toBe("pass");
    const ids = s.otherFindings.map((f) => `${f.checkId}:${f.status}`).sort();
    expect(ids).toEqual(["C-0034:fail", "C-0055:skipped"]);
  });

  it("Falco (openreports): runtime events kept as Falco's own findings, cluster events without a resource too", () => {
    const s = run("falco-openreports.yaml");
    expect(s.tool).toBe("Falco");
    expect(s.otherFindings).toHaveLength(3);
    const shell = s.otherFindings.find(
      (f) => f.checkId === "Falco Events" && f.status === "fail" && f.kind === "Pod",
    );
    expect(shell).toMatchObject({ title: "Falco Events: Terminal shell in container", severity: "high" });
    const node = s.otherFindings.find((f) => f.kind === undefined);
    expect(node).toMatchObject({ severity: "critical", status: "fail" });
    expect(s.otherFindings.some((f) => f.status === "warning")).toBe(true);
  });
});

describe("policy report input", () => {
  it("reads a multi-document YAML stream of reports as a List, and JSON as it is", () => {
    const doc = (n: string) =>
      `apiVersion: wgpolicyk8s.io/v1alpha2\nkind: PolicyReport\nmetadata: {name: ${n}, namespace: a}\nresults: []\n`;
    const json = parseReportText(`${doc("x")}---\n${doc("y")}`) as { kind: string; items: unknown[] };
    expect(json.kind).toBe("List");
    expect(json.items).toHaveLength(2);
    expect(detectFormat(json)).toBe("policyreport");
    expect(parseReportText('{"a": 1}')).toEqual({ a: 1 });
  });

  it("names the line of a YAML error, and the field of a malformed result", () => {
    expect(() => parseReportText("a: [1,\nb: 2", "reports.yaml")).toThrow(
      /reports\.yaml: not valid JSON or YAML/,
    );
    const bad = {
      apiVersion: "wgpolicyk8s.io/v1alpha2",
      kind: "PolicyReport",
      results: [{ policy: "p", result: "failed" }],
    };
    expect(() => importScan("policyreport", bad, { now })).toThrow(ImportError);
    expect(() => importScan("policyreport", bad, { now })).toThrow(
      /items\[0\]: results\[0\]\.result: expected one of/,
    );
    expect(() => importScan("policyreport", { kind: "List", items: [] }, { now })).toThrow(
      /expected a wgpolicyk8s/,
    );
  });

  it("an error result is listed as not evaluated, never as a pass or a failure of the mapped control", () => {
    const rep = {
      apiVersion: "wgpolicyk8s.io/v1alpha2",
      kind: "PolicyReport",
      metadata: { namespace: "a" },
      scope: { kind: "Deployment", name: "d", namespace: "a" },
      results: [
        { policy: "disallow-privileged-containers", result: "error", message: "boom", source: "kyverno" },
      ],
    };
    const s = importScan("policyreport", rep, { now });
    expect(s.result.workloads[0].controls["pss-privileged"]).toBeUndefined();
    expect(s.otherFindings[0]).toMatchObject({ status: "skipped", message: "evaluation error: boom" });
  });

  it("check ids: Kyverno rule keys, Kubescape and Trivy ids in either field", () => {
    expect(
      checkIdOf("kyverno", {
        policy: "disallow-capabilities-strict",
        rule: "autogen-cronjob-require-drop-all",
      }),
    ).toBe("disallow-capabilities-strict/require-drop-all");
    expect(
      checkIdOf("kyverno", { policy: "disallow-capabilities-strict", rule: "adding-capabilities-strict" }),
    ).toBe("disallow-capabilities-strict");
    expect(checkIdOf("kubescape", { policy: "C-0057", rule: "Privileged container" })).toBe("C-0057");
    expect(checkIdOf("trivy", { policy: "Runs as root user", rule: "AVD-KSV-0012" })).toBe("KSV012");
    expect(checkIdOf(undefined, { policy: "trusted-registry", rule: "r" })).toBe("trusted-registry");
  });
});
