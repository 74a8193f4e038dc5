import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDir, hasCorpus, readCorpus, skipCorpusSuite } from "../../test/corpus.ts";
import { scanFiles } from "./scan.ts";
import { scanResultSchema } from "./schema.ts";

// Without the shared corpus (a clone of the public repo alone) these suites are skipped with one line.
const describeCorpus = hasCorpus ? describe : skipCorpusSuite;

function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(name) && name !== "index.json") out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** Files that really are templates or malformed: the only ones allowed to produce errors. */
const EXPECTED_ERROR_FILES = [
  "descheduler/charts/descheduler/templates/clusterrole.yaml",
  "descheduler/charts/descheduler/templates/cronjob.yaml",
  "descheduler/charts/descheduler/templates/deployment.yaml",
  "descheduler/charts/descheduler/templates/poddisruptionbudget.yaml",
  "descheduler/charts/descheduler/templates/servicemonitor.yaml",
  "kubernetes-examples/_archived/storage/vitess/vttablet-pod-template.yaml", // {{placeholder}} names
];

describeCorpus("real-world manifests (corpus/realworld)", () => {
  const root = join(corpusDir(), "realworld");
  const files = manifestFiles(root);

  it("scans every file on its own without a crash; errors only for templates", () => {
    expect(files.length).toBe(183);
    const withErrors: string[] = [];
    for (const f of files) {
      const r = scanFiles([{ path: f, content: readCorpus("realworld", f) }], {
        now: new Date("2026-01-01"),
      });
      if (r.errors.length) withErrors.push(f);
    }
    expect(withErrors.sort()).toEqual(EXPECTED_ERROR_FILES);
  });

  it("scans the whole folder in one scan (summary snapshot)", () => {
    const r = scanFiles(
      files.map((f) => ({ path: f, content: readCorpus("realworld", f) })),
      { now: new Date("2026-01-01"), generatedAt: new Date("2026-01-01") },
    );
    expect(() => scanResultSchema.parse(r)).not.toThrow();
    for (const e of r.errors) expect(e.message).toMatch(/helm template/);
    expect({
      summary: r.summary,
      objects: r.objects,
      namespaces: r.namespaces,
      errors: r.errors,
      notes: r.notes,
    }).toMatchSnapshot();
  });
});
