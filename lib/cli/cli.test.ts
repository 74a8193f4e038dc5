/**
 * Spawns the real CLI on temp files: bin/rampart.mjs, the installed entry point (it runs the esbuild bundle of
 * lib/cli/main.ts, rebuilt first when a source is newer), a third of a second of CPU per spawn where
 * `tsx lib/cli/main.ts` took over two.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { controls } from "../scanner/controls/index.ts";
import { scanResultSchema } from "../scanner/schema.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "bin/rampart.mjs");

function run(args: string[], opts: { input?: string; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? dir,
    input: opts.input ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function noStackTrace(s: string) {
  expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

const HARDENED = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
      containers:
      - name: api
        image: api:1
        securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
        resources: {limits: {cpu: 100m, memory: 64Mi}}
`;
const ROOT_POD = `apiVersion: v1
kind: Pod
metadata: {name: rooty, namespace: shop}
spec:
  hostNetwork: true
  containers: [{name: c, image: busybox}]
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "rampart-cli-"));
  writeFileSync(join(dir, "hardened.yaml"), HARDENED);
  writeFileSync(join(dir, "root.yaml"), ROOT_POD);
  writeFileSync(join(dir, "bad.yaml"), "a: [1, 2\n");
  writeFileSync(
    join(dir, "template.yaml"),
    'metadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "x" . | nindent 4 }}\n',
  );
  let bomb = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 10; i++)
    bomb += `a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(",")}]\n`;
  writeFileSync(join(dir, "bomb.yaml"), bomb);
  writeFileSync(join(dir, "binary.yaml"), Buffer.from([0, 1, 2, 3]));
  mkdirSync(join(dir, "tree/sub"), { recursive: true });
  writeFileSync(join(dir, "tree/a.yml"), HARDENED);
  writeFileSync(join(dir, "tree/sub/b.json"), JSON.stringify({ apiVersion: "v1", kind: "List", items: [] }));
  writeFileSync(join(dir, "tree/sub/readme.txt"), "not scanned");
  writeFileSync(
    join(dir, "bad-exceptions.yaml"),
    "apiVersion: rampart.io/v1\nkind: ExceptionList\nexceptions:\n  - control: nope\n    owner: me\n    justification: x\n",
  );
});

// Each test spawns the CLI several times (a Node process each): at load 15-25 on 2 cores one spawn took 8-15 s, so
// 30 s per test timed out in a fresh clone's unit stage.
const SPAWNS = { timeout: 120_000 };

describe("rampart CLI", SPAWNS, () => {
  it("prints usage for --help and scan --help (exit 0), exit 2 without a command", () => {
    const h = run(["--help"]);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/Usage: rampart <command>/);
    expect(h.stdout).toMatch(/scan/);
    const s = run(["scan", "--help"]);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/--fail-on/);
    expect(run([]).code).toBe(2);
    expect(run(["frobnicate"]).code).toBe(2);
  });

  it("scan → json validates against the schema; exit 0 without --fail-on", () => {
    const r = run(["scan", "hardened.yaml", "root.yaml", "--format", "json"]);
    expect(r.code).toBe(0);
    const result = scanResultSchema.parse(JSON.parse(r.stdout));
    expect(result.workloads.map((w) => w.name)).toEqual(["api", "rooty"]);
  });

  it("--fail-on: control ids, any, pss:baseline", () => {
    expect(run(["scan", "hardened.yaml", "--fail-on", "run-as-non-root,seccomp-profile"]).code).toBe(0);
    expect(run(["scan", "root.yaml", "--fail-on", "run-as-non-root"]).code).toBe(1);
    expect(run(["scan", "hardened.yaml", "--fail-on", "pss:baseline"]).code).toBe(0);
    const f = run(["scan", "root.yaml", "--fail-on", "pss:baseline"]);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/pss:baseline/);
    expect(run(["scan", "hardened.yaml", "--fail-on", "any"]).code).toBe(1); // network-policy, pdb fail
    const bad = run(["scan", "hardened.yaml", "--fail-on", "no-such-control"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no-such-control/);
  });

  it("reads stdin with -", () => {
    const r = run(["scan", "-", "--format", "json"], { input: HARDENED });
    expect(r.code).toBe(0);
    const result = scanResultSchema.parse(JSON.parse(r.stdout));
    expect(result.workloads[0]).toMatchObject({ name: "api", file: "<stdin>" });
  });

  it("bad input: per-file errors, exit 0, no stack trace", () => {
    const r = run([
      "scan",
      "bad.yaml",
      "template.yaml",
      "bomb.yaml",
      "binary.yaml",
      "hardened.yaml",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    noStackTrace(r.stderr);
    const result = scanResultSchema.parse(JSON.parse(r.stdout));
    expect(result.errors.map((e) => e.file).sort()).toEqual([
      "bad.yaml",
      "binary.yaml",
      "bomb.yaml",
      "template.yaml",
    ]);
    expect(result.errors.find((e) => e.file === "template.yaml")?.message).toMatch(/helm template/);
    expect(result.workloads).toHaveLength(1);
    expect(run(["scan", "bad.yaml", "--fail-on", "errors"]).code).toBe(1);
  });

  it("unreadable input and usage errors exit 2 without a stack trace", () => {
    for (const args of [
      ["scan", "does-not-exist.yaml"],
      ["scan"],
      ["scan", "hardened.yaml", "--format", "xml"],
      ["scan", "hardened.yaml", "--bogus"],
      ["scan", "hardened.yaml", "--max-file-size", "lots"],
      ["scan", "hardened.yaml", "--exceptions", "missing.yaml"],
    ]) {
      const r = run(args);
      expect(r.code, args.join(" ")).toBe(2);
      noStackTrace(r.stderr);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });

  it("an invalid exceptions file names the file and the field (exit 2)", () => {
    const r = run(["scan", "hardened.yaml", "--exceptions", "bad-exceptions.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-exceptions\.yaml: exceptions\[0\]\.control/);
    noStackTrace(r.stderr);
  });

  it("--max-file-size turns large files into per-file errors", () => {
    const r = run(["scan", "hardened.yaml", "--max-file-size", "100", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).errors[0].message).toMatch(/size limit/);
  });

  it("walks directories recursively for .yaml/.yml/.json", () => {
    const r = run(["scan", "tree", "--format", "json"]);
    expect(r.code).toBe(0);
    const result = scanResultSchema.parse(JSON.parse(r.stdout));
    expect(result.workloads.map((w) => w.file)).toEqual([join("tree", "a.yml")]);
  });

  it("sarif is SARIF 2.1.0 with one rule per control and located results", () => {
    const r = run(["scan", "root.yaml", "--format", "sarif", "--output", "out.sarif"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const sarif = JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toMatch(/sarif/);
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe("rampart");
    expect(run0.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(controls.map((c) => c.id));
    expect(run0.results.length).toBeGreaterThan(0);
    for (const res of run0.results) {
      expect(typeof res.ruleId).toBe("string");
      expect(run0.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(["error", "warning", "note"]).toContain(res.level);
      expect(res.message.text.length).toBeGreaterThan(0);
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe("root.yaml");
      expect(res.locations[0].physicalLocation.region.startLine).toBe(1);
    }
  });

  it("markdown has per-category tables and a control summary; table is plain without a TTY", () => {
    const md = run(["scan", "hardened.yaml", "root.yaml", "--format", "markdown"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\| Component \| Pattern \| Security Features \|/);
    expect(md.stdout).toMatch(/## Controls/);
    const t = run(["scan", "hardened.yaml"]);
    expect(t.stdout).toMatch(/WORKLOAD/);
    expect(t.stdout.includes("\u001b[")).toBe(false);
  });

  it("bin/rampart.mjs runs the CLI", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "bin/rampart.mjs"), "--version"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^rampart \d+\.\d+\.\d+/);
  });
});
