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
    // The pod is listed as a finding, not as a second workload; it is the only other finding left.
    expect(s.result.workloads.map((w) => w.name).sort()).toEqual(["checkout", "ledger"]);
    expect(s.otherFindings.map((f) => [f.kind, f.name, f.checkId])).toEqual([
      ["Pod", "checkout-6d5f7b8c9d-x2k4p", "disallow-privilege-escalation"],
    ]);
    expect(s.otherFindings[0].message).toContain("created by checkout");
    // The team's own policy is Kyverno's own control, per rule (autogen- dropped), on the Deployment only.
    const team = checkout.controls["kyverno:require-team-label/check-for-labels"];
    expect(team).toMatchObject({ status: "fail", containers: [] });
    expect(team.message).toContain("The label `team` is required");
    expect(wl(s, "payments", "StatefulSet", "ledger").controls).not.toHaveProperty(
      "kyverno:require-team-label/check-for-labels",
    );
    // The namespace policy: a result on an object that is not a workload.
    expect(s.result.resources).toEqual([
      expect.objectContaining({
        kind: "Namespace",
        namespace: "",
        name: "payments",
        apiVersion: "v1",
        controls: {
          "kyverno:require-psa-labels/check-psa-label": expect.objectContaining({
            status: "fail",
            message: expect.stringContaining("pod-security.kubernetes.io/enforce"),
          }),
        },
      }),
    ]);
    // Counted over every object; catalog entries with Kyverno's severity and category.
    expect(s.result.summary.controls["kyverno:require-psa-labels/check-psa-label"]).toEqual({
      pass: 0,
      fail: 1,
      waived: 0,
      "n/a": 0,
    });
    expect(s.controls).toEqual([
      {
        id: "kyverno:require-psa-labels/check-psa-label",
        tool: "kyverno",
        title: "require-psa-labels: check-psa-label",
        severity: "medium",
        category: "Multi-Tenancy",
      },
      {
        id: "kyverno:require-team-label/check-for-labels",
        tool: "kyverno",
        title: "require-team-label: check-for-labels",
        severity: "low",
        category: "Team rules",
      },
    ]);
  });

  it("Trivy operator: KSV ids (also AVD-KSV-0017) map; KSV020 is Trivy's own control; the ReplicaSet is the workload", () => {
    const s = run("trivy-operator-policyreports.yaml");
    const web = wl(s, "storefront", "ReplicaSet", "web-7b9c6f5d4");
    expect(web.controls["no-privilege-escalation"].status).toBe("fail");
    expect(web.controls["capabilities-drop-all"].status).toBe("fail");
    expect(web.controls["run-as-non-root"].status).toBe("pass");
    expect(web.controls["read-only-root-filesystem"].status).toBe("fail");
    expect(web.controls["pss-privileged"].status).toBe("pass");
    // KSV020 is unmapped: Trivy's own control, keyed by its id.
    expect(s.otherFindings).toEqual([]);
    expect(web.controls["trivy:ksv020"]).toMatchObject({ status: "fail" });
    expect(s.controls).toEqual([
      {
        id: "trivy:ksv020",
        tool: "Trivy ConfigAudit",
        title: "KSV020 Runs with UID <= 10000",
        severity: "low",
        category: "Kubernetes Security Check",
      },
    ]);
    const ds = wl(s, "monitoring", "DaemonSet", "node-exporter");
    expect(ds.controls["pss-host-namespaces"].status).toBe("fail");
    expect(ds.controls["pss-host-path"].status).toBe("fail");
    expect(ds.pattern).toBe("node-agent");
    expect(ds.pssLevel).toBe("privileged");
  });

  it("Kubescape operator: control ids map; C-0034 and a skipped C-0055 are Kubescape's own controls", () => {
    const s = run("kubescape-operator-policyreports.yaml");
    const api = wl(s, "orders", "Deployment", "orders-api");
    expect(api.controls["run-as-non-root"].status).toBe("fail");
    expect(api.controls["pss-privilege-escalation"].status).toBe("fail");
    expect(api.controls["read-only-root-filesystem"].status).toBe("fail");
    expect(api.controls["pss-capabilities-baseline"].status).toBe("pass");
    expect(api.controls["pss-privileged"].status).toBe("pass");
    expect(s.otherFindings).toEqual([]);
    expect(api.controls["kubescape:c-0034"]).toMatchObject({ status: "fail" });
    // Skipped: not evaluated, with the reason, never a pass.
    expect(api.controls["kubescape:c-0055"]).toEqual({
      status: "n/a",
      message: "control skipped by the exceptions of the cluster's posture policy",
      notEvaluated: "skipped by kubescape: control skipped by the exceptions of the cluster's posture policy",
      containers: [],
    });
    expect(s.controls?.map((c) => [c.id, c.title, c.category])).toEqual([
      ["kubescape:c-0034", "C-0034 Automatic mapping of service account", "Access control"],
      ["kubescape:c-0055", "C-0055 Linux hardening", "Workload"],
    ]);
  });

  it("Falco (openreports): runtime events are Falco's own controls on the pod; an event without an object stays a finding", () => {
    const s = run("falco-openreports.yaml");
    expect(s.tool).toBe("Falco");
    const pod = wl(s, "storefront", "Pod", "web-7b9c6f5d4-zq8lm");
    expect(pod.controls["falco:falco-events/terminal-shell-in-container"]).toMatchObject({
      status: "fail",
      message: expect.stringContaining("A shell was spawned"),
    });
    // warn: the object breaks the rule, below Falco's fail threshold: a failure, said so.
    expect(pod.controls["falco:falco-events/read-sensitive-file-untrusted"]).toMatchObject({
      status: "fail",
      message: expect.stringMatching(/^warn: Warning Sensitive file opened/),
    });
    expect(s.controls?.map((c) => [c.id, c.severity, c.category, c.title])).toEqual([
      [
        "falco:falco-events/read-sensitive-file-untrusted",
        "medium",
        "SI",
        "Falco Events: Read sensitive file untrusted",
      ],
      [
        "falco:falco-events/terminal-shell-in-container",
        "high",
        "SI",
        "Falco Events: Terminal shell in container",
      ],
    ]);
    // The kernel module event names no object: the only other finding.
    expect(s.otherFindings.map((f) => [f.checkId, f.severity, f.status, f.kind ?? "no object"])).toEqual([
      ["Falco Events", "critical", "fail", "no object"],
    ]);
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

  const report = (scope: object, results: object[], source = "kyverno") => ({
    apiVersion: "wgpolicyk8s.io/v1alpha2",
    kind: "PolicyReport",
    metadata: { namespace: "shop" },
    scope,
    results: results.map((r) => ({ source, ...r })),
  });
  const deployment = { apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop" };

  it("a tool's own control: fail wins over pass, pass over not evaluated; an error is not evaluated", () => {
    const s = importScan(
      "policyreport",
      report(deployment, [
        { policy: "require-labels", rule: "autogen-check-team", result: "pass", message: "ok" },
        { policy: "require-labels", rule: "check-team", result: "fail", message: "no team label" },
        { policy: "require-labels", rule: "check-owner", result: "skip" },
        { policy: "require-labels", rule: "check-owner", result: "pass", message: "owner set" },
        { policy: "require-probes", result: "error", message: "context variable not found" },
        { policy: "require-probes", result: "skip", message: "precondition not met" },
      ]),
      { now },
    );
    const c = s.result.workloads[0].controls;
    expect(c["kyverno:require-labels/check-team"]).toMatchObject({
      status: "fail",
      message: "no team label",
    });
    expect(c["kyverno:require-labels/check-owner"]).toMatchObject({ status: "pass", message: "owner set" });
    expect(c["kyverno:require-probes"]).toEqual({
      status: "n/a",
      message: "evaluation error: context variable not found; precondition not met",
      notEvaluated: "evaluation error: context variable not found; skipped by kyverno: precondition not met",
      containers: [],
    });
    // Severity absent: medium; category absent: policy.
    expect(s.controls?.find((x) => x.id === "kyverno:require-probes")).toMatchObject({
      severity: "medium",
      category: "policy",
    });
    expect(s.otherFindings).toEqual([]);
  });

  it("a pod's result counts for its controller unless the controller has its own (Kyverno + Falco in one List)", () => {
    const pod = { apiVersion: "v1", kind: "Pod", name: "web-7b9c6f5d4-zq8lm", namespace: "shop" };
    const s = importScan(
      "policyreport",
      {
        apiVersion: "v1",
        kind: "List",
        items: [
          report(deployment, [{ policy: "require-labels", rule: "autogen-check-team", result: "pass" }]),
          report(pod, [{ policy: "require-labels", rule: "check-team", result: "fail", message: "old pod" }]),
          {
            apiVersion: "openreports.io/v1alpha1",
            kind: "Report",
            metadata: { namespace: "shop" },
            source: "Falco",
            results: [
              {
                policy: "Falco Events",
                rule: "Terminal shell in container",
                result: "fail",
                severity: "critical",
                message: "shell",
                subjects: [pod],
              },
            ],
          },
        ],
      },
      { now },
    );
    expect(s.result.workloads.map((w) => `${w.kind} ${w.name}`)).toEqual(["Deployment web"]);
    const c = s.result.workloads[0].controls;
    expect(c["kyverno:require-labels/check-team"]).toMatchObject({ status: "pass" });
    expect(c["falco:falco-events/terminal-shell-in-container"]).toMatchObject({
      status: "fail",
      message: "Pod web-7b9c6f5d4-zq8lm: shell",
    });
    expect(s.otherFindings.map((f) => [f.kind, f.checkId, f.status])).toEqual([
      ["Pod", "require-labels", "fail"],
    ]);
    expect(s.controls?.map((x) => [x.id, x.tool, x.severity])).toEqual([
      ["falco:falco-events/terminal-shell-in-container", "Falco", "critical"],
      ["kyverno:require-labels/check-team", "kyverno", "medium"],
    ]);
  });

  it("a mapped check about an object that is not a workload is the tool's own control there", () => {
    const s = importScan(
      "policyreport",
      report({ apiVersion: "v1", kind: "Namespace", name: "shop" }, [
        { policy: "disallow-privileged-containers", result: "fail", message: "m", severity: "info" },
      ]),
      { now },
    );
    expect(s.result.workloads).toEqual([]);
    expect(s.result.resources?.[0]).toMatchObject({
      kind: "Namespace",
      namespace: "shop",
      controls: { "kyverno:disallow-privileged-containers": { status: "fail", message: "m" } },
    });
    expect(s.controls?.[0].severity).toBe("low");
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
