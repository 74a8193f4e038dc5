/**
 * The scan outputs of the real CLI, validated by the tools their consumers use: SARIF against the SARIF
 * 2.1.0 JSON Schema (ajv) and Microsoft's SARIF Multitool (0 errors, 0 warnings), JSON against the
 * published contract (scanResultSchema), and the table keeps same-named workloads of two files apart.
 */
import { spawnSync } from "node:child_process";
import {
  accessSync,
  chmodSync,
  constants,
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanResultSchema } from "../scanner/schema.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// The installed entry point (the esbuild bundle of lib/cli/main.ts, rebuilt when stale): far cheaper to spawn than tsx.
const BIN = join(ROOT, "bin/rampart.mjs");
const SCHEMA = join(ROOT, "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const MULTITOOL = join(ROOT, "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");

const DEPLOYMENT = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: argocd-server, namespace: argocd}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: argocd-server}}
  template:
    metadata: {labels: {app: argocd-server}}
    spec:
      containers: [{name: server, image: "quay.io/argoproj/argocd:v2.11.0"}]
`;

let dir: string;
let extra: string;

function cli(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [BIN, "scan", "--no-progress", "--now", "2026-03-15", ...args], {
    cwd,
    encoding: "utf8",
    // Without FORCE_COLOR (`npm test` sets it): beside NO_COLOR, Node warns on stderr that one is ignored.
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Workloads from the control fixtures and the custom-resource fixtures, a duplicate across two files, a bad file. */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "rampart-scan-output-"));
  cpSync(join(ROOT, "lib/scanner/fixtures/custom-resources"), join(dir, "custom resources"), {
    recursive: true,
  });
  for (const c of ["run-as-non-root", "seccomp-profile", "pod-disruption-budget"])
    cpSync(join(ROOT, "lib/scanner/controls/fixtures", c), join(dir, "controls", c), { recursive: true });
  writeFileSync(join(dir, "install.yaml"), DEPLOYMENT(1));
  writeFileSync(join(dir, "install-ha.yaml"), DEPLOYMENT(3));
  writeFileSync(join(dir, "bad#1.yaml"), "a: [1, 2\n");
  // A file named by an absolute path outside the working directory.
  extra = mkdtempSync(join(tmpdir(), "rampart-scan-extra-"));
  writeFileSync(
    join(extra, "pod.yaml"),
    "apiVersion: v1\nkind: Pod\nmetadata: {name: outside}\nspec: {containers: [{name: c, image: i}]}\n",
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(extra, { recursive: true, force: true });
});

/** The Multitool is a self-contained .NET binary; npm may install it without the execute bit. */
function multitool(): string | null {
  try {
    accessSync(MULTITOOL, constants.X_OK);
  } catch {
    try {
      chmodSync(MULTITOOL, 0o755);
    } catch {
      return null;
    }
  }
  const r = spawnSync(MULTITOOL, ["--version"], { encoding: "utf8", timeout: 60_000 });
  return r.status === 0 ? MULTITOOL : null;
}

// Each test spawns the CLI (and the Multitool): give them room on a busy machine.
const SPAWNING = 180_000;

describe("scan outputs", () => {
  it(
    "SARIF is valid (JSON Schema and SARIF Multitool), with relative URIs, per-file fingerprints and rule help",
    () => {
      const r = cli([".", join(extra, "pod.yaml"), "--format", "sarif", "--output", "out.sarif"]);
      expect(r.stderr).toBe("");
      const sarif = JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8"));

      const schema = JSON.parse(readFileSync(SCHEMA, "utf8"));
      // The schema is draft-04 (`id`); ajv 8 reads it as draft-07 once the id keyword is renamed.
      schema.$id = schema.id;
      delete schema.id;
      delete schema.$schema;
      const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);

      const run = sarif.runs[0];
      expect(run.results.length).toBeGreaterThan(100);
      expect(run.originalUriBaseIds["%SRCROOT%"].uri).toBe(`file://${dir}/`);
      for (const res of run.results) {
        const loc = res.locations[0].physicalLocation.artifactLocation;
        if (loc.uriBaseId) expect(loc.uri).not.toMatch(/^\/|^file:/);
        else expect(loc.uri).toBe(`file://${extra}/pod.yaml`);
      }
      const uris = new Set(
        run.results.map(
          (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
            x.locations[0].physicalLocation.artifactLocation.uri,
        ),
      );
      expect(uris).toContain("install-ha.yaml");
      expect(uris).toContain("custom%20resources/rollout.fail.yaml");
      const fingerprints = run.results.map(
        (x: { partialFingerprints: Record<string, string> }) => Object.values(x.partialFingerprints)[0],
      );
      expect(new Set(fingerprints).size).toBe(fingerprints.length);
      for (const rule of run.tool.driver.rules) {
        expect(rule.helpUri).toMatch(/^https:\/\//);
        expect(rule.help.text).toMatch(/Remediation/);
      }
      expect(
        run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation,
      ).toEqual({
        uri: "bad%231.yaml",
        uriBaseId: "%SRCROOT%",
      });

      const tool = multitool();
      if (!tool) {
        console.log("SARIF Multitool cannot run here: its validation is skipped");
        return;
      }
      const v = spawnSync(tool, ["validate", join(dir, "out.sarif"), "--output", join(dir, "v.sarif")], {
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(v.status, v.stdout + v.stderr).toBe(0);
      const findings = JSON.parse(readFileSync(join(dir, "v.sarif"), "utf8")).runs[0].results ?? [];
      expect(
        findings.map(
          (f: { ruleId: string; message: { text?: string; id?: string } }) =>
            `${f.ruleId}: ${f.message.text ?? f.message.id}`,
        ),
      ).toEqual([]);
    },
    SPAWNING,
  );

  it(
    "JSON matches the published contract; the table names the file of same-named workloads",
    () => {
      const json = cli([".", "--format", "json"]);
      const result = scanResultSchema.parse(JSON.parse(json.stdout));
      expect(result.schemaVersion).toBe(1);
      const argo = result.workloads.filter((w) => w.name === "argocd-server");
      expect(argo.map((w) => w.file)).toEqual(["install-ha.yaml", "install.yaml"]);
      expect(result.objects["Service.serving.knative.dev"]).toBe(2); // the pass and fail fixtures

      const table = cli([".", "--format", "table"]).stdout;
      expect(table).toMatch(/argocd\/Deployment\/argocd-server \(install-ha\.yaml\)/);
      expect(table).toMatch(/argocd\/Deployment\/argocd-server \(install\.yaml\)/);
    },
    SPAWNING,
  );

  it(
    "podTemplates in ./rampart.yaml: the CLI scans the configured custom kind, in worker threads too",
    () => {
      const project = mkdtempSync(join(tmpdir(), "rampart-pod-templates-"));
      try {
        writeFileSync(
          join(project, "rampart.yaml"),
          "apiVersion: rampart.io/v1\nkind: ProjectConfig\npodTemplates:\n- apiVersion: example.com/v1\n  kind: Trainer\n  paths: [spec.launcher.template]\n",
        );
        for (const name of ["a", "b"])
          writeFileSync(
            join(project, `${name}.yaml`),
            `apiVersion: example.com/v1\nkind: Trainer\nmetadata: {name: ${name}}\nspec:\n  launcher:\n    template:\n      spec: {containers: [{name: launch, image: l}]}\n`,
          );
        for (const threads of ["1", "2"]) {
          const r = cli(["a.yaml", "b.yaml", "--format", "json", "--threads", threads], project);
          expect(r.stderr).toBe("");
          const result = scanResultSchema.parse(JSON.parse(r.stdout));
          expect(result.workloads.map((w) => `${w.kind}/${w.name}`)).toEqual(["Trainer/a", "Trainer/b"]);
          expect(result.objects).toEqual({ Trainer: 2 });
        }
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    },
    SPAWNING,
  );
});
