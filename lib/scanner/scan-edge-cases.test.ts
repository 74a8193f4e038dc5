/** The edges real users hit: generateName, user namespaces, templates that parse, wrong scalar types, bad files. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { scanFiles } from "./scan.ts";
import { scanResultSchema } from "./schema.ts";

const NOW = new Date("2026-03-15T10:00:00Z");

function scan(files: Record<string, string>) {
  const r = scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { now: NOW },
  );
  scanResultSchema.parse(r);
  return r;
}

const RESTRICTED_CONTAINER = `    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
`;

describe("generateName", () => {
  it("an object with only generateName is scanned under that prefix, not an error", () => {
    const r = scan({
      "job.yaml":
        "apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: pi-}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: perl}]\n",
    });
    expect(r.errors).toEqual([]);
    expect(r.workloads.map((w) => `${w.kind}/${w.name}`)).toEqual(["Job/pi-"]);
  });

  it("neither name nor generateName is still an error", () => {
    const r = scan({
      "job.yaml":
        "apiVersion: batch/v1\nkind: Job\nmetadata: {}\nspec: {template: {spec: {containers: [{name: c}]}}}\n",
    });
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/no metadata.name \(nor generateName\)/),
    ]);
  });
});

describe("user namespaces (hostUsers: false, PSS policy v1.35+)", () => {
  const pod = (hostUsers: string) => `apiVersion: v1
kind: Pod
metadata: {name: userns}
spec:
${hostUsers}  securityContext:
    runAsUser: 0
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: main
    image: busybox
${RESTRICTED_CONTAINER}`;

  it("relaxes runAsNonRoot and runAsUser: a user-namespaced pod running as UID 0 is restricted", () => {
    const w = scan({ "p.yaml": pod("  hostUsers: false\n") }).workloads[0];
    expect(w.controls["pss-run-as-non-root"].status).toBe("pass");
    expect(w.controls["pss-run-as-user"].status).toBe("pass");
    expect(w.pssLevel).toBe("restricted");
  });

  it("without hostUsers: false the same pod is baseline", () => {
    const w = scan({ "p.yaml": pod("") }).workloads[0];
    expect(w.controls["pss-run-as-user"].status).toBe("fail");
    expect(w.pssLevel).toBe("baseline");
  });
});

describe("unrendered templates that happen to parse", () => {
  afterEach(() => vi.restoreAllMocks());

  const helm = (body: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${body}`;

  it("an unquoted {{ … }} value (parsed as a mapping key) is a template error with the helm hint, silently", () => {
    const warn = vi.spyOn(process, "emitWarning");
    const stderr = vi.spyOn(process.stderr, "write");
    const consoleWarn = vi.spyOn(console, "warn");
    const r = scan({
      "deploy.yaml": helm(`  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
      - name: web
        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
`),
    });
    expect(r.workloads).toEqual([]);
    expect(r.errors).toEqual([
      expect.objectContaining({ file: "deploy.yaml", message: expect.stringMatching(/helm template/) }),
    ]);
    expect(warn).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
  });

  it("name: {{ .Release.Name }} gets the helm template hint, not only 'no metadata.name'", () => {
    const r = scan({
      "d.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}
spec:
  containers: [{name: c, image: nginx}]
`,
    });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/helm template/);
  });

  it("a quoted template image alone is still an unrendered template", () => {
    const r = scan({
      "d.yaml": helm(`  template:
    spec:
      containers:
      - name: web
        image: "{{ .Values.image }}"
`),
    });
    expect(r.workloads).toEqual([]);
    expect(r.errors[0].message).toMatch(/image "\{\{ \.Values\.image \}\}".*helm template/);
  });

  it("Prometheus-style {{ $labels }} in a quoted annotation of another kind is not a template error", () => {
    const r = scan({
      "rule.yaml": `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: r}
spec:
  groups:
  - name: g
    rules:
    - alert: Down
      annotations: {summary: "{{ $labels.instance }} is down"}
`,
    });
    expect(r.errors).toEqual([]);
  });
});

describe("quoted numbers and booleans where the API expects integers and booleans", () => {
  it('runAsUser: "0" with runAsNonRoot: true is a document error naming the field, not a pass', () => {
    const r = scan({
      "d.yaml": `apiVersion: v1
kind: Pod
metadata: {name: quoted}
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: "0"
  containers:
  - name: main
    image: nginx
    ports: [{containerPort: "8080"}]
    securityContext: {privileged: "false"}
`,
    });
    expect(r.workloads).toEqual([]);
    expect(r.errors).toHaveLength(1);
    const m = r.errors[0].message;
    expect(m).toMatch(/spec\.securityContext\.runAsUser must be an integer, not the string "0"/);
    expect(m).toMatch(/spec\.containers\[0\]\.ports\[0\]\.containerPort must be an integer/);
    expect(m).toMatch(/spec\.containers\[0\]\.securityContext\.privileged must be a boolean/);
  });

  it("names the field inside a custom resource's template and spec.replicas", () => {
    const r = scan({
      "r.yaml": `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec:
  replicas: "3"
  template:
    spec:
      containers: [{name: c, image: i, securityContext: {runAsUser: "1000"}}]
`,
    });
    expect(r.errors[0].message).toMatch(/spec\.replicas must be an integer/);
    expect(r.errors[0].message).toMatch(/spec\.template\.spec\.containers\[0\]\.securityContext\.runAsUser/);
  });
});

describe("bad files get messages that say what is wrong", () => {
  it.each([8_000, 20_000])("%i levels of nesting: 'nested deeper than N levels', no crash", (n) => {
    const flow = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${"[".repeat(n)}${"]".repeat(n)}\n`;
    const seq = `${"- ".repeat(n)}x\n`;
    const r = scan({ "flow.yaml": flow, "seq.yaml": seq });
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        new RegExp(`nested deeper than 500 levels \\(about ${String(n).slice(0, 2)}\\d+\\)`),
      ),
      expect.stringMatching(
        new RegExp(`nested deeper than 500 levels \\(about ${String(n).slice(0, 2)}\\d+\\)`),
      ),
    ]);
  });

  it("a truncated .json file is a JSON syntax error with line and column", () => {
    const r = scan({
      "pod.json": '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "x"',
      "bad.json": '{\n  "apiVersion": "v1",\n  "kind": "Pod",,\n}\n',
    });
    const byFile = new Map(r.errors.map((e) => [e.file, e.message]));
    expect(byFile.get("pod.json")).toMatch(/^invalid JSON at line 4, column 27: unexpected end of input/);
    expect(byFile.get("bad.json")).toMatch(/^invalid JSON at line 3, column 17/);
    for (const m of byFile.values()) expect(m).not.toMatch(/YAML|Flow map/);
  });
});

describe("Windows by nodeSelector only", () => {
  it("fails the Linux-only checks, and the message says spec.os.name: windows exempts it", () => {
    const r = scan({
      "w.yaml": `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: win-agent}
spec:
  template:
    spec:
      nodeSelector: {kubernetes.io/os: windows}
      containers: [{name: agent, image: mcr.microsoft.com/agent}]
`,
    });
    const w = r.workloads[0];
    for (const id of ["seccomp-profile", "capabilities-drop-all", "pss-seccomp-restricted"]) {
      expect(w.controls[id].status).toBe("fail");
      expect(w.controls[id].message).toMatch(/set spec\.os\.name: windows to exempt it/);
    }
    expect(w.controls["run-as-non-root"].message).not.toMatch(/os\.name/);
  });
});
