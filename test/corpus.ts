/** Test-only helpers for the shared ground-truth corpus (node:fs lives here, outside the pure lib/scanner). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The shared ground-truth corpus: $RAMPART_CORPUS, else ../shared/corpus beside the repo. */
export function corpusDir(): string {
  const dir = process.env.RAMPART_CORPUS
    ? resolve(REPO_ROOT, process.env.RAMPART_CORPUS)
    : resolve(REPO_ROOT, "../shared/corpus");
  if (!existsSync(join(dir, "README.md"))) {
    throw new Error(
      `Corpus not found at ${dir}. Set RAMPART_CORPUS to the shared/corpus folder (default: ../shared/corpus relative to the repo root).`,
    );
  }
  return dir;
}

export function readCorpus(...parts: string[]): string {
  return readFileSync(join(corpusDir(), ...parts), "utf8");
}

export function readCorpusJson<T>(...parts: string[]): T {
  return JSON.parse(readCorpus(...parts)) as T;
}
