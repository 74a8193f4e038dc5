import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTROL_IDS, scanResultSchema, type WorkloadResult } from "../scanner/index.ts";
import {
  controlsFor,
  detectFormat,
  IMPORT_FORMATS,
  ImportError,
  type ImportedScan,
  type ImportFormat,
  importScan,
  mappingTable,
  summariseWorkloads,
} from "./index.ts";

const now = new Date("2026-03-02T10:00:00Z");
const sample = (name: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, "samples", name), "utf8"));

function run(format: ImportFormat, name: string): ImportedScan {
  return importScan(format, sample(name), { now, fileName: name });
}

function wl(s: ImportedScan, namespace: string, kind: string, name: string): WorkloadResult {
  const w = s.result.workloads.find((x) => x.namespace === namespace && x.kind === kind && x.name === name);
  if (!w) throw new Error(`no workload ${namespace}/${kind}/${name}`);
  return w;
}

function status(w: WorkloadResult, control: string): string | undefined {
  return w.controls[control]?.status;
}

function expectImportError(fn: () => unknown, fragment: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ImportError);
  expect((err as Error).message).toContain(fragment);
}

const SAMPLES: [ImportFormat, string][] = [
  ["polaris", "polaris-audit.json"],
  ["kube-score", "kube-score.json"],
  ["kubescape", "kubescape.json"],
  ["sarif", "trivy.sarif.json"],
  ["sarif", "checkov.sarif.json"],
  ["sarif", "kube-score.sarif.json"],
  ["sarif", "kubescape.sarif.json"],
];

describe("all samples", () => {
  it.each(SAMPLES)("%s %s: detected, valid ScanResult, consistent summary", (format, name) => {
    const json = sample(name);
    expect(detectFormat(json)).toBe(format);
    const s = importScan(format, json, { now, fileName: name });
    expect(() => scanResultSchema.parse(s.result)).not.toThrow();
    expect(s.result.scanner.name).toBe("rampart");
    expect(s.result.generatedAt).toBe(now.toISOString());
    expect(s.result.summary).toEqual(summariseWorkloads(s.result.workloads));
    expect(Object.keys(s.result.summary.controls).sort()).toEqual([...CONTROL_IDS].sort());
    expect(s.partialEvidence).toBe(format === "sarif");
    for (const w of s.result.workloads) {
      expect(w.patternSource).toBe("inferred");
      // only evaluated controls: never n/a, never waived
      for (const c of Object.values(w.controls)) expect(["pass", "fail"]).toContain(c.status);
    }
    expect(s.otherFindings.length).toBeGreaterThan(0);
    // the summary counts each workload control once
    const total = Object.values(s.result.summary.controls).reduce((n, c) => n + c.pass + c.fail, 0);
    expect(total).toBe(s.result.workloads.reduce((n, w) => n + Object.keys(w.controls).length, 0));
  });

  it("exports the five formats", () => {
    expect([...IMPORT_FORMATS]).toEqual(["polaris", "kube-score", "kubescape", "sarif", "policyreport"]);
  });
});

describe("Polaris", () => {
  const s = run("polaris", "polaris-audit.json");

  it("reports tool and one workload per controller", () => {
    expect(s.tool).toBe("Polaris");
    expect(s.toolVersion).toBe("1.0");
    expect(s.result.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`)).toEqual([
      "monitoring/DaemonSet/node-exporter",
      "shop/Deployment/api",
      "shop/StatefulSet/postgres",
    ]);
    expect(s.result.objects).toEqual({ ClusterRole: 1, DaemonSet: 1, Deployment: 1, StatefulSet: 1 });
    expect(
      s.result.workloads.every((w) => w.file === "polaris-audit.json" && w.category === "Uncategorised"),
    ).toBe(true);
  });

  it("maps checks to controls with per-container messages; fail wins", () => {
    const api = wl(s, "shop", "Deployment", "api");
    expect(status(api, "run-as-non-root")).toBe("pass");
    expect(status(api, "no-privilege-escalation")).toBe("fail");
    expect(status(api, "network-policy")).toBe("fail");
    expect(status(api, "pod-disruption-budget")).toBe("fail");
    // cpuLimitsMissing passes, memoryLimitsMissing fails on container api -> fail
    const limits = api.controls["resource-limits"];
    expect(limits.status).toBe("fail");
    expect(limits.message).toContain("memoryLimitsMissing");
    expect(limits.containers).toEqual([
      { name: "api", status: "fail", message: "memoryLimitsMissing: Memory limits should be set" },
      { name: "log-shipper", status: "pass", message: "" },
    ]);
    // not evaluated by Polaris -> absent, not n/a
    expect(api.controls["seccomp-profile"]).toBeUndefined();
    expect(api.controls["pss-apparmor"]).toBeUndefined();
    expect(api.containers.map((c) => c.name)).toEqual(["api", "log-shipper"]);
  });

  it("infers pattern, PSS level and features", () => {
    const api = wl(s, "shop", "Deployment", "api");
    const pg = wl(s, "shop", "StatefulSet", "postgres");
    const ne = wl(s, "monitoring", "DaemonSet", "node-exporter");
    expect([api.pattern, pg.pattern, ne.pattern]).toEqual(["app-readonly", "stateful", "node-agent"]);
    expect(api.pssLevel).toBe("baseline"); // pss-privilege-escalation (restricted) fails
    expect(ne.pssLevel).toBe("privileged"); // host namespaces / hostPath (baseline) fail
    expect(ne.features.hostPath).toBe(true);
    expect(api.features.runAsNonRoot).toBe(true);
    expect(api.features.readOnlyRootFilesystem).toBe(true);
    expect(pg.features.runAsNonRoot).toBe(false);
    expect(s.result.summary.pssLevels).toEqual({ restricted: 0, baseline: 2, privileged: 1 });
    expect(s.result.summary.patterns).toEqual({ "app-readonly": 1, "node-agent": 1, stateful: 1 });
  });

  it("keeps unmapped and non-workload findings with their status", () => {
    const f = (checkId: string) => s.otherFindings.filter((o) => o.checkId === checkId);
    expect(f("automountServiceAccountToken")[0]).toMatchObject({
      tool: "Polaris",
      status: "warning",
      kind: "Deployment",
      namespace: "shop",
      name: "api",
    });
    expect(f("tagNotSpecified").map((o) => o.status)).toEqual(["pass", "pass"]);
    expect(f("linuxHardening")[0].status).toBe("warning");
    expect(f("clusterrolePodExecAttach")[0]).toMatchObject({ kind: "ClusterRole", status: "pass" });
    expect(f("clusterrolePodExecAttach")[0].namespace).toBeUndefined();
  });
});

describe("kube-score", () => {
  const s = run("kube-score", "kube-score.json");

  it("imports objects with labels, file and line", () => {
    expect(s.tool).toBe("kube-score");
    const api = wl(s, "shop", "Deployment", "api");
    expect(api.file).toBe("shop/api.yaml");
    expect(api.line).toBe(1);
    expect(api.category).toBe("webshop");
    expect(wl(s, "monitoring", "DaemonSet", "node-exporter").category).toBe("Uncategorised");
    expect(s.result.workloads).toHaveLength(3);
    expect(s.result.objects).toEqual({
      DaemonSet: 1,
      Deployment: 1,
      NetworkPolicy: 1,
      Service: 1,
      StatefulSet: 1,
    });
    const mon = s.result.namespaces.find((n) => n.name === "monitoring");
    expect(mon?.networkPolicies).toBe(1);
  });

  it("maps grades: critical and warning fail, OK passes, with container paths", () => {
    const api = wl(s, "shop", "Deployment", "api");
    expect(api.controls["resource-limits"]).toMatchObject({
      status: "fail",
      containers: [{ name: "api", status: "fail" }],
    });
    expect(status(api, "read-only-root-filesystem")).toBe("pass");
    expect(status(api, "network-policy")).toBe("fail");
    expect(status(api, "seccomp-profile")).toBe("pass"); // supplementary mapping
    expect(status(wl(s, "shop", "StatefulSet", "postgres"), "pod-disruption-budget")).toBe("fail"); // grade 5
    expect(status(wl(s, "monitoring", "DaemonSet", "node-exporter"), "resource-limits")).toBe("fail");
    expect(api.controls["run-as-non-root"]).toBeUndefined();
  });

  it("keeps unmapped, skipped and non-workload checks as other findings", () => {
    const byId = (id: string) => s.otherFindings.filter((o) => o.checkId === id);
    expect(byId("deployment-has-host-podantiaffinity")[0].status).toBe("skipped");
    expect(byId("container-security-context-user-group-id").map((o) => `${o.name}:${o.status}`)).toEqual([
      "node-exporter:pass",
      "api:fail",
      "postgres:fail",
      "postgres:fail",
    ]);
    expect(byId("service-targets-pod")[0]).toMatchObject({ kind: "Service", status: "pass" });
    expect(byId("pod-probes").find((o) => o.name === "api")?.status).toBe("fail");
  });
});

describe("Kubescape", () => {
  const s = run("kubescape", "kubescape.json");

  it("reads version, resources and embedded objects", () => {
    expect(s.tool).toBe("Kubescape");
    expect(s.toolVersion).toBe("v3.0.8");
    const api = wl(s, "shop", "Deployment", "api");
    expect(api.file).toBe("shop/api.yaml");
    expect(api.category).toBe("webshop");
    expect(api.containers.map((c) => `${c.name}=${c.image}`)).toEqual([
      "api=registry.example.com/shop/api:1.4.2",
      "log-shipper=fluent/fluent-bit:3.0.4",
    ]);
    const ne = wl(s, "monitoring", "DaemonSet", "node-exporter");
    expect(ne.features.hostPath).toBe(true);
    expect(ne.features.runAsUser).toBe(65534);
    expect(wl(s, "shop", "StatefulSet", "postgres").features.dataVolumes).toBe(true);
    expect(s.result.objects).toEqual({ ClusterRole: 1, DaemonSet: 1, Deployment: 1, StatefulSet: 1 });
  });

  it("maps controls, per-container failed paths, fail wins over pass", () => {
    const api = wl(s, "shop", "Deployment", "api");
    // C-0270 passed, C-0271 and C-0009 failed -> fail
    expect(api.controls["resource-limits"].status).toBe("fail");
    expect(api.controls["resource-limits"].containers).toEqual([
      {
        name: "api",
        status: "fail",
        message: expect.stringContaining("resources.limits.memory"),
      },
    ]);
    expect(status(api, "no-privilege-escalation")).toBe("fail");
    expect(status(api, "pss-privilege-escalation")).toBe("fail"); // supplementary C-0016 mapping
    expect(api.pssLevel).toBe("baseline");
    expect(status(api, "run-as-non-root")).toBe("pass");
    expect(status(api, "network-policy")).toBe("fail");
    const pg = wl(s, "shop", "StatefulSet", "postgres");
    expect(status(pg, "run-as-non-root")).toBe("fail");
    expect(status(pg, "read-only-root-filesystem")).toBe("fail");
    const ne = wl(s, "monitoring", "DaemonSet", "node-exporter");
    expect(status(ne, "pss-host-namespaces")).toBe("fail");
    expect(status(ne, "pss-host-path")).toBe("fail");
    expect(ne.pssLevel).toBe("privileged");
  });

  it("keeps RBAC, unmapped and skipped controls as other findings", () => {
    const o = (id: string) => s.otherFindings.find((x) => x.checkId === id);
    expect(o("C-0035")).toMatchObject({ kind: "ClusterRole", name: "monitoring-admin", status: "fail" });
    expect(o("C-0034")).toMatchObject({ kind: "Deployment", name: "api", status: "fail" });
    expect(o("C-0055")).toMatchObject({ name: "postgres", status: "fail", title: "Linux hardening" });
    expect(o("C-0018")).toMatchObject({ name: "api", status: "skipped" });
  });
});

describe("SARIF", () => {
  it("Trivy: failures, inferred passes, partial evidence, same-file attribution", () => {
    const s = run("sarif", "trivy.sarif.json");
    expect(s.tool).toBe("Trivy");
    expect(s.toolVersion).toBe("0.50.1");
    expect(s.partialEvidence).toBe(true);
    expect(s.result.workloads.map((w) => `${w.kind}/${w.name}`)).toEqual([
      "DaemonSet/node-exporter",
      "Deployment/api",
      "StatefulSet/postgres",
    ]);
    const api = wl(s, "default", "Deployment", "api");
    expect(api.file).toBe("shop/api.yaml");
    expect(api.controls["no-privilege-escalation"]).toMatchObject({
      status: "fail",
      containers: [{ name: "api", status: "fail" }],
    });
    expect(api.controls["run-as-non-root"].status).toBe("pass");
    expect(api.controls["run-as-non-root"].message).toContain("inferred: no SARIF result");
    expect(api.controls["pss-apparmor"]).toBeUndefined(); // KSV002 not among the rules
    // KSV030 names no resource; attributed to the only resource of shop/postgres.yaml
    const pg = wl(s, "default", "StatefulSet", "postgres");
    expect(status(pg, "seccomp-profile")).toBe("fail");
    expect(status(pg, "run-as-non-root")).toBe("fail");
    expect(s.otherFindings).toEqual([
      expect.objectContaining({ checkId: "KSV020", name: "api", status: "warning", file: "shop/api.yaml" }),
    ]);
    expect(s.result.notes[0].message).toContain("partial evidence");
  });

  it("Checkov: resources from the snippet, namespaces and labels kept", () => {
    const s = run("sarif", "checkov.sarif.json");
    expect(s.tool).toBe("Checkov");
    const api = wl(s, "shop", "Deployment", "api");
    expect(api.category).toBe("webshop");
    expect(status(api, "no-privilege-escalation")).toBe("fail");
    expect(status(api, "resource-limits")).toBe("fail"); // CKV_K8S_13 fails, CKV_K8S_11 inferred pass
    const pg = wl(s, "shop", "StatefulSet", "postgres");
    expect(pg.controls["resource-limits"]).toMatchObject({ status: "pass" });
    expect(pg.controls["resource-limits"].message).toMatch(
      /^inferred: no SARIF result for CKV_K8S_11, CKV_K8S_13/,
    );
    expect(status(pg, "run-as-non-root")).toBe("fail");
    expect(status(wl(s, "monitoring", "DaemonSet", "node-exporter"), "pss-host-namespaces")).toBe("fail");
    expect(s.otherFindings.map((o) => `${o.name}:${o.checkId}:${o.status}`)).toEqual([
      "api:CKV_K8S_43:fail",
      "postgres:CKV_K8S_43:fail",
    ]);
  });

  it("kube-score: no rules, resources identified by file and line", () => {
    const s = run("sarif", "kube-score.sarif.json");
    expect(s.tool).toBe("kube-score");
    expect(s.toolVersion).toBe("unknown");
    const w = wl(s, "default", "Unidentified", "shop/api.yaml:1");
    expect(w.file).toBe("shop/api.yaml");
    expect(status(w, "resource-limits")).toBe("fail");
    expect(status(w, "network-policy")).toBe("fail");
    // no rules listed -> nothing inferred
    expect(Object.values(w.controls).every((c) => c.status === "fail")).toBe(true);
    expect(s.otherFindings[0]).toMatchObject({
      checkId: "container-security-context-user-group-id",
      status: "fail",
    });
  });

  it("Kubescape SARIF: controls by C-id, inferred passes per file", () => {
    const s = run("sarif", "kubescape.sarif.json");
    const api = wl(s, "default", "Unidentified", "shop/api.yaml");
    expect(status(api, "no-privilege-escalation")).toBe("fail");
    expect(api.controls["run-as-non-root"].message).toContain("inferred: no SARIF result for C-0013");
    const ne = wl(s, "default", "Unidentified", "monitoring/node-exporter.yaml");
    expect(ne.pssLevel).toBe("privileged");
    expect(s.otherFindings[0]).toMatchObject({ checkId: "C-0034", status: "warning" });
  });

  it("SARIF from Rampart itself: logical locations give namespace/kind/name", () => {
    const log = {
      version: "2.1.0",
      runs: [
        {
          tool: { driver: { name: "rampart", version: "0.1.0", rules: [{ id: "run-as-non-root" }] } },
          results: [
            {
              ruleId: "run-as-non-root",
              level: "error",
              message: { text: "Deployment shop/api: runs as root" },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: "shop/api.yaml" }, region: { startLine: 3 } },
                  logicalLocations: [{ fullyQualifiedName: "shop/Deployment/api", kind: "resource" }],
                },
              ],
            },
          ],
        },
      ],
    };
    const s = importScan("sarif", log, { now });
    expect(s.result.workloads[0]).toMatchObject({ namespace: "shop", kind: "Deployment", name: "api" });
    // unknown tool: nothing maps, the finding is kept
    expect(s.otherFindings[0]).toMatchObject({ checkId: "run-as-non-root", status: "fail" });
    expect(s.result.workloads[0].file).toBe("shop/api.yaml");
  });

  it("suppressed results and result.kind pass are not failures", () => {
    const log = {
      version: "2.1.0",
      runs: [
        {
          tool: { driver: { name: "Trivy", version: "0.50.1", rules: [{ id: "KSV014" }, { id: "KSV001" }] } },
          results: [
            {
              ruleId: "KSV014",
              level: "error",
              message: { text: "Container 'a' of Deployment 'web' should set readOnlyRootFilesystem" },
              suppressions: [{ kind: "external", status: "accepted" }],
            },
            { ruleId: "AVD-KSV-0001", kind: "pass", message: { text: "Deployment 'web' is fine" } },
          ],
        },
      ],
    };
    const s = importScan("sarif", log, { now, fileName: "x.sarif" });
    const w = wl(s, "default", "Deployment", "web");
    expect(w.controls["read-only-root-filesystem"]).toBeUndefined();
    expect(w.controls["no-privilege-escalation"].status).toBe("pass");
    expect(w.file).toBe("x.sarif");
    expect(s.otherFindings[0]).toMatchObject({ checkId: "KSV014", status: "skipped" });
  });
});

describe("fail wins when several tool checks map to one control", () => {
  it("Polaris: a pass and a danger on the same container", () => {
    const audit = {
      PolarisOutputVersion: "1.0",
      Results: [
        {
          Name: "web",
          Namespace: "",
          Kind: "Deployment",
          Results: {},
          PodResult: {
            Name: "",
            Results: {
              hostIPCSet: {
                ID: "hostIPCSet",
                Message: "ok",
                Details: null,
                Success: true,
                Severity: "danger",
              },
              hostPIDSet: {
                ID: "hostPIDSet",
                Message: "bad",
                Details: null,
                Success: false,
                Severity: "danger",
              },
            },
            ContainerResults: [],
          },
        },
      ],
    };
    const s = importScan("polaris", audit, { now });
    const w = wl(s, "default", "Deployment", "web");
    expect(w.controls["pss-host-namespaces"]).toMatchObject({ status: "fail", message: "hostPIDSet: bad" });
    expect(w.file).toBe("(imported)");
    expect(w.pssLevel).toBe("privileged");
  });

  it("kube-score: a warning and an OK mapped to pod-disruption-budget", () => {
    const objs = [
      {
        object_name: "Deployment/apps/v1/x/web",
        type_meta: { kind: "Deployment", apiVersion: "apps/v1" },
        object_meta: { name: "web", namespace: "x" },
        checks: [
          {
            check: { name: "a", id: "deployment-has-poddisruptionbudget" },
            grade: 10,
            skipped: false,
            comments: null,
          },
          {
            check: { name: "b", id: "statefulset-has-poddisruptionbudget" },
            grade: 5,
            skipped: false,
            comments: [{ path: "", summary: "no PDB", description: "" }],
          },
        ],
      },
    ];
    const s = importScan("kube-score", objs, { now });
    expect(wl(s, "x", "Deployment", "web").controls["pod-disruption-budget"].status).toBe("fail");
  });
});

describe("detectFormat", () => {
  it("returns null for unrelated JSON", () => {
    expect(detectFormat({ name: "rampart", version: "1.0.0" })).toBeNull();
    expect(detectFormat([])).toBeNull();
    expect(detectFormat([1, 2])).toBeNull();
    expect(detectFormat(null)).toBeNull();
    expect(detectFormat("text")).toBeNull();
    expect(detectFormat({ apiVersion: "apps/v1", kind: "Deployment" })).toBeNull();
  });
});

describe("malformed input throws ImportError naming the field", () => {
  it("Polaris", () => {
    const bad = sample("polaris-audit.json") as { Results: { PodResult: Record<string, unknown> }[] };
    bad.Results[2].PodResult.ContainerResults = { Name: "x" };
    expectImportError(
      () => importScan("polaris", bad, { now }),
      "Results[2].PodResult.ContainerResults: expected array, got object",
    );
    expectImportError(
      () => importScan("polaris", { PolarisOutputVersion: "1.0" }, { now }),
      "Results: expected array",
    );
    expectImportError(() => importScan("polaris", "nope", { now }), "(root): expected object, got string");
    const bad2 = sample("polaris-audit.json") as {
      Results: { Results: Record<string, { Success: unknown }> }[];
    };
    bad2.Results[0].Results.deploymentMissingReplicas.Success = "no";
    expectImportError(
      () => importScan("polaris", bad2, { now }),
      "Results[0].Results.deploymentMissingReplicas.Success: expected boolean, got string",
    );
  });

  it("kube-score", () => {
    expectImportError(
      () => importScan("kube-score", { a: 1 }, { now }),
      "(root): expected array, got object",
    );
    const bad = sample("kube-score.json") as { checks: { grade: unknown }[] }[];
    bad[1].checks[3].grade = "A";
    expectImportError(
      () => importScan("kube-score", bad, { now }),
      "[1].checks[3].grade: expected number, got string",
    );
    expectImportError(
      () => importScan("kube-score", [{ object_name: "x", object_meta: {}, checks: [] }], { now }),
      "[0].type_meta: expected object (required field missing)",
    );
  });

  it("Kubescape", () => {
    expectImportError(
      () => importScan("kubescape", { summaryDetails: {} }, { now }),
      "results: expected array",
    );
    const bad = sample("kubescape.json") as { results: { controls: { status: unknown }[] }[] };
    bad.results[0].controls[2].status = "failed";
    expectImportError(
      () => importScan("kubescape", bad, { now }),
      "results[0].controls[2].status: expected object",
    );
    expectImportError(() => importScan("kubescape", [], { now }), "(root): expected object, got array");
  });

  it("SARIF", () => {
    expectImportError(() => importScan("sarif", { version: "2.1.0" }, { now }), "runs: expected array");
    expectImportError(
      () => importScan("sarif", { version: "2.0.0", runs: [] }, { now }),
      'version: expected one of "2.1.0"',
    );
    const bad = sample("trivy.sarif.json") as { runs: { tool: { driver: Record<string, unknown> } }[] };
    delete bad.runs[0].tool.driver.name;
    expectImportError(
      () => importScan("sarif", bad, { now }),
      "runs[0].tool.driver.name: expected string (required field missing)",
    );
    const noRule = {
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "Trivy" } }, results: [{ message: {} }] }],
    };
    expectImportError(() => importScan("sarif", noRule, { now }), "runs[0].results[0].ruleId");
    expectImportError(() => importScan("sarif", 42, { now }), "(root): expected object, got number");
  });

  it("invalid options and format", () => {
    expectImportError(() => importScan("sarif", {}, { now: new Date("x") }), "options.now");
    expectImportError(() => importScan("xml" as ImportFormat, {}, { now }), "unknown import format");
  });
});

describe("mapping", () => {
  it("uses the scanner catalog plus the supplementary table", () => {
    expect(controlsFor("trivy", "KSV001")).toEqual(
      expect.arrayContaining(["no-privilege-escalation", "pss-privilege-escalation"]),
    );
    expect(controlsFor("polaris", "hostPIDSet")).toEqual(["pss-host-namespaces"]);
    expect(controlsFor("kubescape", "C-0271")).toEqual(["resource-limits"]);
    expect(controlsFor("kubescape", "C-0016")).toEqual([
      "no-privilege-escalation",
      "pss-privilege-escalation",
    ]);
    expect(controlsFor("kubeScore", "container-seccomp-profile")).toEqual(["seccomp-profile"]);
    expect(controlsFor("checkov", "CKV_K8S_43")).toEqual([]);
    expect(controlsFor(undefined, "KSV001")).toEqual([]);
    const t = mappingTable();
    for (const tool of Object.values(t))
      for (const ids of Object.values(tool)) for (const id of ids) expect(CONTROL_IDS).toContain(id);
  });
});
