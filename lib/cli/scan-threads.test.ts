/**
 * The worker-thread scan (scan-pool.ts) against the single-threaded one: the installed CLI (bin/rampart.mjs,
 * the compiled bundle) must print the same bytes with --threads 1 and --threads 2/3, on the demo, on the
 * shared corpus, and on inputs with per-file errors (binary, too large, unreadable, stdin) between files.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { corpusDir, hasCorpus, skipCorpusSuite } from "../../test/corpus.ts";
import { autoThreads } from "./scan-pool.ts";

// Without the shared corpus (a clone of the public repo alone) these suites are skipped with one line.
const describeCorpus = hasCorpus ? describe : skipCorpusSuite;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "bin/rampart.mjs");
const DEMO = join(ROOT, "examples/maestro");

function scan(cwd: string, args: string[], input = "") {
  const r = spawnSync(process.execPath, [BIN, "scan", "--no-progress", "--now", "2026-03-15", ...args], {
    cwd,
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
    timeout: 300_000,
    maxBuffer: 1024 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Scans with one thread and with several; the outputs must be identical and not trivial. */
function expectSameOutput(cwd: string, args: string[], input = "", threads = ["2", "3"]) {
  const one = scan(cwd, [...args, "--threads", "1"], input);
  expect(one.stderr).not.toMatch(/unexpected error/);
  const result = JSON.parse(one.stdout);
  expect(result.workloads.length).toBeGreaterThan(0);
  for (const n of threads) {
    const many = scan(cwd, [...args, "--threads", n], input);
    expect(many.code).toBe(one.code);
    expect(many.stderr).toBe(one.stderr);
    expect(many.stdout === one.stdout).toBe(true); // byte for byte (toBe would print 2 huge strings)
  }
  return result;
}

it("the demo: the same JSON with one thread and with several", () => {
  const r = expectSameOutput(DEMO, [
    "snapshots",
    "--format",
    "json",
    "--exceptions",
    "exceptions.yaml",
    "--config",
    "rampart.yaml",
  ]);
  // Coverage is joined across files in the main thread: the demo's network policies count.
  expect(r.namespaces.some((n: { networkPolicies: number }) => n.networkPolicies > 0)).toBe(true);
}, 300_000);

const tmp = mkdtempSync(join(tmpdir(), "rampart-threads-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("per-file errors and stdin keep their place between the files scanned in workers", () => {
  const dir = join(tmp, "mixed");
  cpSync(join(DEMO, "snapshots/01-baseline"), join(dir, "a"), { recursive: true });
  writeFileSync(join(dir, "b-binary.yaml"), Buffer.from([0x61, 0x00, 0x62]));
  writeFileSync(join(dir, "c-large.yaml"), `# ${"x".repeat(3000)}\n`);
  writeFileSync(join(dir, "d-bad.yaml"), "kind: [unclosed\n");
  const unreadable = join(dir, "e-unreadable.yaml");
  writeFileSync(unreadable, "kind: Pod\n");
  chmodSync(unreadable, 0o000);
  cpSync(join(DEMO, "snapshots/04-phase2-final"), join(dir, "f"), { recursive: true });
  const stdin =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: from-stdin}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: nginx}]\n";
  const r = expectSameOutput(dir, [".", "-", "--format", "json", "--max-file-size", "2k"], stdin);
  expect(r.errors.map((e: { file: string }) => e.file)).toEqual(
    expect.arrayContaining(["b-binary.yaml", "c-large.yaml", "d-bad.yaml"]),
  );
  expect(r.workloads.some((w: { name: string }) => w.name === "from-stdin")).toBe(true);
}, 300_000);

it("ValidatingAdmissionPolicies: from --policies, and in a file after the workloads (objects read again)", () => {
  // Workers keep a file's objects unless the scan holds a policy; a policy in the last file makes the
  // main thread read the earlier files again for their objects: the results must not change.
  const dir = join(tmp, "policies");
  cpSync(join(DEMO, "snapshots/01-baseline"), join(dir, "a"), { recursive: true });
  cpSync(join(DEMO, "snapshots/04-phase2-final"), join(dir, "b"), { recursive: true });
  cpSync(join(DEMO, "policies"), join(dir, "z-policies"), { recursive: true });
  const vapControls = (r: { summary: { controls: Record<string, unknown> } }) =>
    Object.keys(r.summary.controls).filter((id) => id.startsWith("vap:"));
  const inFiles = expectSameOutput(dir, [".", "--format", "json"]);
  expect(vapControls(inFiles).length).toBeGreaterThan(0);
  const fromOption = expectSameOutput(dir, ["a", "b", "--format", "json", "--policies", "z-policies"]);
  expect(vapControls(fromOption)).toEqual(vapControls(inFiles));
  // The workloads of a/ and b/ were read before the policies: their results come from the objects read
  // again, and must be those of the scan that held the policies from the start.
  type Result = { workloads: { file: string; name: string; controls: Record<string, unknown> }[] };
  const vapResults = (r: Result) =>
    r.workloads.map((w) => [
      w.file,
      w.name,
      Object.entries(w.controls).filter(([id]) => id.startsWith("vap:")),
    ]);
  const evaluated = vapResults(inFiles).filter(([, , controls]) => (controls as unknown[]).length > 0);
  expect(evaluated.length).toBe(inFiles.workloads.length);
  expect(vapResults(inFiles)).toEqual(vapResults(fromOption));
}, 300_000);

it("--threads auto: one thread below 3 cores, for a small input or a single file; else one per core", () => {
  const mb = 1024 * 1024;
  const two = [
    { path: "a.yaml", size: mb },
    { path: "b.yaml", size: mb },
  ];
  expect(autoThreads(two, 2)).toBe(1);
  expect(autoThreads(two, 3)).toBe(2);
  expect(autoThreads([...two, { path: "c.yaml", size: mb }, { path: "-" }], 8)).toBe(3);
  expect(autoThreads([{ path: "a.yaml", size: 10 * mb }], 8)).toBe(1);
  expect(
    autoThreads(
      two.map((f) => ({ ...f, size: 1000 })),
      8,
    ),
  ).toBe(1);
});

describeCorpus("the shared corpus", () => {
  it("the same JSON and SARIF with one thread and with several", () => {
    const corpus = corpusDir();
    expectSameOutput(corpus, [".", "--format", "json"], "", ["2"]);
    const one = scan(corpus, [".", "--format", "sarif", "--threads", "1"]);
    const two = scan(corpus, [".", "--format", "sarif", "--threads", "2"]);
    expect(two.stdout === one.stdout && one.stdout.length > 0).toBe(true);
  }, 600_000);
});
