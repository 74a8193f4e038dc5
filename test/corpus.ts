/** Test-only helpers for the shared ground-truth corpus (node:fs lives here, outside the pure lib/scanner). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The shared ground-truth corpus: $RAMPART_CORPUS, else ../shared/corpus beside the repo. */
const CORPUS_DIR = process.env.RAMPART_CORPUS
  ? resolve(REPO_ROOT, process.env.RAMPART_CORPUS)
  : resolve(REPO_ROOT, "../shared/corpus");
const HAS_CORPUS = existsSync(join(CORPUS_DIR, "README.md"));
const MISSING = `no corpus at ${CORPUS_DIR}: set RAMPART_CORPUS to the shared/corpus folder to run these tests`;

export function corpusDir(): string {
  if (!HAS_CORPUS) throw new Error(`Corpus not found: ${MISSING}`);
  return CORPUS_DIR;
}

/** Whether the shared corpus is here: suites that read it choose `hasCorpus ? describe : skipCorpusSuite`. */
export const hasCorpus = HAS_CORPUS;

let toldSkip = false;

/**
 * What a suite that reads the corpus runs instead of `describe` in a clone without `../shared` (anyone cloning the
 * public repo): one skipped test and one line per run saying how to get the corpus. The body is not even
 * collected, since suites read the corpus while collecting. A RAMPART_CORPUS that is set but wrong is a
 * configuration error, so that fails instead of skipping (CI sets it).
 */
export function skipCorpusSuite(name: string, _body: () => void): void {
  if (process.env.RAMPART_CORPUS) throw new Error(`RAMPART_CORPUS is set but there is ${MISSING}`);
  if (!toldSkip) console.warn(`Skipping corpus tests: ${MISSING}.`);
  toldSkip = true;
  describe.skip(name, () => {
    it.skip(MISSING);
  });
}

export function readCorpus(...parts: string[]): string {
  return readFileSync(join(corpusDir(), ...parts), "utf8");
}

export function readCorpusJson<T>(...parts: string[]): T {
  return JSON.parse(readCorpus(...parts)) as T;
}
