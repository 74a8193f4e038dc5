import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseProjectConfig } from "./config.ts";
import { parseExceptionList } from "./exceptions.ts";
import {
  controls,
  patterns,
  RampartConfigError,
  SCANNER_VERSION,
  scanFiles,
  scanResultSchema,
} from "./index.ts";

const NOW = new Date("2026-03-15T10:00:00Z");

function deployment(
  name: string,
  opts: { ns?: string; kind?: string; extra?: string; podSpec?: string } = {},
) {
  return `apiVersion: apps/v1
kind: ${opts.kind ?? "Deployment"}
metadata:
  name: ${name}
${opts.ns ? `  namespace: ${opts.ns}\n` : ""}${opts.extra ?? ""}spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${opts.podSpec ?? "      containers:\n      - name: main\n        image: nginx\n"}`;
}

const HARDENED_POD = `      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        seccompProfile: {type: RuntimeDefault}
      containers:
      - name: main
        image: nginx
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
        resources: {limits: {cpu: 100m, memory: 64Mi}}
        volumeMounts: [{name: tmp, mountPath: /tmp}]
      volumes:
      - name: tmp
        emptyDir: {}
`;

function scan(files: Record<string, string>, options = {}) {
  const r = scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { now: NOW, ...options },
  );
  scanResultSchema.parse(r);
  return r;
}

describe("input handling", () => {
  it("reads multi-document YAML, JSON, and List kinds", () => {
    const r = scan({
      "a.yaml": `${deployment("a")}---\n${deployment("b", { kind: "StatefulSet" })}`,
      "b.json": JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [
          {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "p", namespace: "x" },
            spec: { containers: [{ name: "c", image: "i" }] },
          },
          { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" } },
        ],
      }),
      "c.yaml": `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c, image: i}]\n`,
    });
    expect(r.errors).toEqual([]);
    expect(r.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}@${w.file}#${w.document}`)).toEqual([
      "default/CronJob/cj@c.yaml#0",
      "default/Deployment/a@a.yaml#0",
      "default/StatefulSet/b@a.yaml#1",
      "x/Pod/p@b.json#0",
    ]);
    expect(r.objects).toEqual({ ConfigMap: 1, CronJob: 1, Deployment: 1, Pod: 1, StatefulSet: 1 });
    expect(r.workloads.find((w) => w.name === "b")?.line).toBe(15);
  });

  it("empty files and empty documents are not errors", () => {
    const r = scan({ "empty.yaml": "", "seps.yaml": "---\n# comment\n---\n---\n", "ws.yaml": "\n\n  \n" });
    expect(r.errors).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.workloads).toEqual([]);
  });

  it("malformed YAML is a per-document error and the rest of the scan completes", () => {
    const r = scan({ "bad.yaml": "a: [1, 2\nb: {", "good.yaml": deployment("ok") });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: "bad.yaml", document: 0 });
    expect(r.errors[0].message).toMatch(/invalid YAML/);
    expect(r.workloads).toHaveLength(1);
  });

  it("unrendered Helm templates are reported with a helm template hint", () => {
    const tpl = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\nspec: {}\n`;
    const r = scan({ "templates/deploy.yaml": tpl });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/helm template/);
  });

  it("Go template expressions inside quoted strings of valid YAML are fine (alert rules, dashboards)", () => {
    const rule = `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\nspec:\n  groups:\n  - name: g\n    rules:\n    - alert: A\n      annotations:\n        description: "{{ $labels.instance }} is down"\n`;
    const r = scan({ "rule.yaml": rule });
    expect(r.errors).toEqual([]);
  });

  it("rejects alias bombs quickly with bounded memory", () => {
    let bomb = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 12; i++)
      bomb += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(",")}]\n`;
    const before = process.memoryUsage().heapUsed;
    const t = performance.now();
    const r = scan({ "bomb.yaml": bomb, "ok.yaml": deployment("ok") });
    expect(performance.now() - t).toBeLessThan(2000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/alias/);
    expect(r.workloads).toHaveLength(1);
  });

  it("legitimate aliases still work", () => {
    let doc = "x: &x {a: 1}\n";
    for (let i = 0; i < 300; i++) doc += `k${i}: *x\n`;
    expect(scan({ "aliases.yaml": doc }).errors).toEqual([]);
  });

  it("files over the size limit are per-file errors", () => {
    const r = scan({ "big.yaml": deployment("big"), "small.yaml": "" }, { maxFileSize: 50 });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/size limit/);
  });

  it("non-Kubernetes YAML (docker-compose) is skipped with a note, not an error", () => {
    const r = scan({
      "docker-compose.yml": "version: '3'\nservices:\n  web:\n    image: nginx\n",
      "list.yaml": "- a\n- b\n",
    });
    expect(r.errors).toEqual([]);
    expect(r.notes).toHaveLength(2);
    expect(r.notes.find((n) => n.file === "docker-compose.yml")?.message).toMatch(/docker-compose/);
  });

  it("missing metadata.name is an error for evaluated kinds; other kinds are just counted", () => {
    const r = scan({
      "a.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {}\nspec: {template: {spec: {containers: [{name: c}]}}}\n---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n",
    });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: "a.yaml", document: 0 });
    expect(r.errors[0].message).toMatch(/metadata.name/);
    expect(r.objects).toEqual({ Deployment: 1, Kustomization: 1 });
  });

  it("wrongly typed fields do not crash the scan", () => {
    const r = scan({
      "weird.yaml": deployment("w", {
        podSpec:
          "      securityContext: 5\n      volumes: nope\n      containers:\n      - name: c\n        securityContext: {capabilities: {drop: ALL, add: 7}, seccompProfile: 3}\n        ports: {a: 1}\n        resources: []\n      - just-a-string\n",
      }),
    });
    expect(r.errors).toEqual([]);
    expect(r.workloads).toHaveLength(1);
  });
});

describe("controls and precedence", () => {
  it("container-level securityContext overrides pod-level", () => {
    const r = scan({
      "a.yaml": deployment("a", {
        podSpec:
          "      securityContext: {runAsNonRoot: true}\n      containers:\n      - name: c\n        image: i\n        securityContext: {runAsNonRoot: false}\n",
      }),
    });
    expect(r.workloads[0].controls["run-as-non-root"].status).toBe("fail");
    expect(r.workloads[0].controls["run-as-non-root"].containers).toEqual([
      expect.objectContaining({ name: "c", status: "fail" }),
    ]);
  });

  it("init and ephemeral containers are evaluated", () => {
    const r = scan({
      "p.yaml": `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i, securityContext: {privileged: false}}]\n  ephemeralContainers: [{name: debug, image: busybox, securityContext: {privileged: true}}]\n`,
    });
    const w = r.workloads[0];
    expect(w.containers.map((c) => `${c.type}:${c.name}`)).toEqual(["container:c", "ephemeral:debug"]);
    expect(w.controls["pss-privileged"].status).toBe("fail");
    expect(w.pssLevel).toBe("privileged");
  });

  it("a hardened Deployment is PSS restricted and passes every hardening control", () => {
    const r = scan({ "a.yaml": deployment("a", { podSpec: HARDENED_POD }) });
    const w = r.workloads[0];
    expect(w.pssLevel).toBe("restricted");
    for (const c of controls.filter((c) => c.category === "hardening"))
      expect(w.controls[c.id].status, c.id).toBe("pass");
    expect(w.features).toEqual({
      runAsUser: 1000,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      capabilitiesDropped: true,
      addedCapabilities: [],
      seccomp: "RuntimeDefault",
      tempVolumes: true,
      dataVolumes: false,
      hostPath: false,
      initContainersSecured: false,
      replicas: 1,
    });
  });

  it("coverage is computed across files, matched by namespace", () => {
    const r = scan({
      "app.yaml": deployment("web", { ns: "shop" }),
      "netpol.yaml":
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n",
      "pdb.yaml":
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: other}\nspec: {minAvailable: 1, selector: {matchLabels: {app: web}}}\n",
    });
    const w = r.workloads[0];
    expect(w.controls["network-policy"].status).toBe("pass");
    expect(w.controls["pod-disruption-budget"].status).toBe("fail");
    expect(r.namespaces).toEqual([
      { name: "other", networkPolicies: 0, defaultDenyIngress: false, defaultDenyEgress: false, pdbs: 1 },
      { name: "shop", networkPolicies: 1, defaultDenyIngress: true, defaultDenyEgress: true, pdbs: 0 },
    ]);
  });
});

describe("patterns", () => {
  it("infers stateful, node-agent, app-writable and app-readonly", () => {
    const r = scan({
      "a.yaml": [
        deployment("db", { kind: "StatefulSet" }),
        deployment("agent", {
          kind: "DaemonSet",
          podSpec:
            "      containers: [{name: c, image: i, securityContext: {runAsUser: 0}}]\n      volumes: [{name: logs, hostPath: {path: /var/log}}]\n",
        }),
        deployment("airflow", {
          podSpec:
            '      containers: [{name: c, image: i, command: [sh, -c, "pip install -r req.txt && airflow webserver"]}]\n',
        }),
        deployment("api"),
      ].join("---\n"),
    });
    const byName = Object.fromEntries(r.workloads.map((w) => [w.name, w]));
    expect(byName.db.pattern).toBe("stateful");
    expect(byName.agent.pattern).toBe("node-agent");
    expect(byName.airflow.pattern).toBe("app-writable");
    expect(byName.api.pattern).toBe("app-readonly");
    for (const w of r.workloads) expect(w.patternSource).toBe("inferred");
    // read-only root FS: required (fail) only for app-readonly, n/a for the others.
    expect(byName.api.controls["read-only-root-filesystem"].status).toBe("fail");
    expect(byName.db.controls["read-only-root-filesystem"].status).toBe("n/a");
    // A node agent running as root is a failure until an exception documents it.
    expect(byName.agent.controls["run-as-non-root"].status).toBe("fail");
    expect(r.summary.patterns).toEqual({
      "app-readonly": 1,
      "app-writable": 1,
      "node-agent": 1,
      stateful: 1,
    });
  });

  it("annotation overrides inference, config overrides both", () => {
    const config = parseProjectConfig(
      "apiVersion: rampart.io/v1\nkind: ProjectConfig\npatterns:\n  - selector: {name: forced}\n    pattern: node-agent\n",
    );
    const ann = "  annotations:\n    rampart.io/pattern: app-writable\n";
    const r = scan(
      { "a.yaml": `${deployment("annotated", { extra: ann })}---\n${deployment("forced", { extra: ann })}` },
      { config },
    );
    const byName = Object.fromEntries(r.workloads.map((w) => [w.name, w]));
    expect(byName.annotated).toMatchObject({ pattern: "app-writable", patternSource: "annotation" });
    expect(byName.forced).toMatchObject({ pattern: "node-agent", patternSource: "config" });
  });

  it("exports a catalog with snippets that are valid YAML", async () => {
    const { parse } = await import("yaml");
    expect(patterns.map((p) => p.id)).toEqual(["app-readonly", "stateful", "app-writable", "node-agent"]);
    for (const p of patterns) expect(() => parse(p.snippet)).not.toThrow();
  });
});

describe("exceptions", () => {
  const file = `apiVersion: rampart.io/v1
kind: ExceptionList
exceptions:
  - selector: { kind: Deployment, namespace: logging, name: "prom*" }
    control: run-as-non-root
    justification: Reads host log files owned by root
    owner: platform-team
    expires: 2026-03-31
  - selector: { name: old }
    control: run-as-non-root
    justification: Legacy
    owner: team-a
    expires: 2026-01-31
`;

  it("waives a matching unexpired exception and reports expired ones", () => {
    const exceptions = parseExceptionList(file, "exceptions.yaml");
    const r = scan(
      {
        "a.yaml": `${deployment("promtail", { ns: "logging" })}---\n${deployment("old")}---\n${deployment("other")}`,
      },
      { exceptions },
    );
    const byName = Object.fromEntries(r.workloads.map((w) => [w.name, w]));
    expect(byName.promtail.controls["run-as-non-root"]).toMatchObject({
      status: "waived",
      exception: {
        justification: "Reads host log files owned by root",
        owner: "platform-team",
        expires: "2026-03-31",
      },
    });
    expect(byName.old.controls["run-as-non-root"].status).toBe("fail");
    expect(byName.old.controls["run-as-non-root"].expiredException).toMatchObject({ owner: "team-a" });
    expect(byName.other.controls["run-as-non-root"].status).toBe("fail");
    expect(r.summary.expiredExceptions).toBe(1);
    expect(r.summary.controls["run-as-non-root"].waived).toBe(1);
  });

  it("expiry is inclusive of the expires day and depends only on `now`", () => {
    const exceptions = parseExceptionList(file);
    const at = (d: string) =>
      scan({ "a.yaml": deployment("promtail", { ns: "logging" }) }, { exceptions, now: new Date(d) })
        .workloads[0].controls["run-as-non-root"].status;
    expect(at("2026-03-31T23:59:59Z")).toBe("waived");
    expect(at("2026-04-01T00:00:00Z")).toBe("fail");
  });

  it("validation errors name the file and the field", () => {
    const bad =
      "apiVersion: rampart.io/v1\nkind: ExceptionList\nexceptions:\n  - selector: {name: x}\n    control: no-such-control\n    owner: ''\n    justification: j\n    expires: 2026-13-45\n";
    try {
      parseExceptionList(bad, "ex.yaml");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RampartConfigError);
      const msg = (e as Error).message;
      expect(msg).toMatch(/ex\.yaml: exceptions\[0\]\.control: unknown control id/);
      expect(msg).toMatch(/ex\.yaml: exceptions\[0\]\.owner/);
      expect(msg).toMatch(/ex\.yaml: exceptions\[0\]\.expires/);
    }
  });
});

describe("project config", () => {
  it("categories: first match wins, then app.kubernetes.io/part-of, else Uncategorised", () => {
    const config = parseProjectConfig(`apiVersion: rampart.io/v1
kind: ProjectConfig
categories:
  - name: Core Platform
    selectors: [{ name: "maestro-*" }]
  - name: Everything maestro-api
    selectors: [{ name: maestro-api }]
`);
    const partOf = "  labels:\n    app.kubernetes.io/part-of: feast\n";
    const r = scan(
      {
        "a.yaml": [
          deployment("maestro-api"),
          deployment("feast-redis", { extra: partOf }),
          deployment("misc"),
        ].join("---\n"),
      },
      { config },
    );
    expect(Object.fromEntries(r.workloads.map((w) => [w.name, w.category]))).toEqual({
      "maestro-api": "Core Platform",
      "feast-redis": "feast",
      misc: "Uncategorised",
    });
  });

  it("rejects unknown fields and patterns with the file name", () => {
    expect(() =>
      parseProjectConfig(
        "apiVersion: rampart.io/v1\nkind: ProjectConfig\npatterns:\n  - selector: {name: a}\n    pattern: nope\n",
        "rampart.yaml",
      ),
    ).toThrow(/rampart\.yaml: patterns\[0\]\.pattern/);
  });
});

describe("output", () => {
  it("is deterministic apart from generatedAt (input order does not matter)", () => {
    const files = {
      "a.yaml": deployment("a", { ns: "z" }),
      "b.yaml": deployment("b", { ns: "a" }),
      "c.yaml": "x: [",
    };
    const r1 = scan(files);
    const r2 = scan(Object.fromEntries(Object.entries(files).reverse()));
    expect(JSON.stringify(r1)).toBe(JSON.stringify(r2));
    expect(Object.keys(r1.workloads[0].controls)).toEqual([...Object.keys(r1.workloads[0].controls)].sort());
  });

  it("reports the package version", () => {
    const pkg = JSON.parse(
      readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../package.json"), "utf8"),
    );
    expect(SCANNER_VERSION).toBe(pkg.version);
  });
});

describe("purity", () => {
  it("lib/scanner source imports no fs, Prisma, React or Next", () => {
    const root = dirname(fileURLToPath(import.meta.url));
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) {
          if (name !== "fixtures" && name !== "testing" && name !== "__snapshots__") walk(p);
        } else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) {
          const src = readFileSync(p, "utf8");
          if (/from\s+["'](node:)?(fs|fs\/promises)["']|@prisma|from\s+["']react|from\s+["']next/.test(src))
            offenders.push(p);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
