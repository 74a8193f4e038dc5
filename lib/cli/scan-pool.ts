/**
 * Scans files in worker threads (one piscina pool): each worker reads, parses and evaluates one file at a
 * time and returns its per-file part (scan-worker.ts); the main thread merges the parts in input order, so
 * the cross-file evaluation and the output are byte for byte those of the single-threaded path.
 * Memory stays bounded: at most `window` files are in flight or waiting to be merged, and file texts never
 * reach the main thread.
 */
import { availableParallelism } from "node:os";
import { type FileScan, Scanner, type ScanOptions } from "../scanner/scan.ts";
import { type InputFile, STDIN } from "./files.ts";
import { addInputFile, PolicyObjects } from "./scan-input.ts";
import type { ScanTask, ScanTaskResult } from "./scan-worker.ts";

/** Below this much input a pool costs more (thread start-up, loading the scanner twice) than it saves. */
export const POOL_MIN_BYTES = 1024 * 1024;

/**
 * Below this many cores `auto` scans in the main thread. On 2 cores the pool measured slower than one
 * thread at every load tried (bench:scanner, 10k workloads: --threads 2 used 12-13 s of CPU against 7 s
 * and took longer on the clock): the main thread still merges, evaluates coverage and writes ~75 MB of
 * JSON, the parts cross threads by structured clone, and each worker loads and warms up its own scanner.
 */
export const POOL_MIN_CORES = 3;

/** Threads for `--threads auto`: one per core, when there are cores and enough input to share. */
export function autoThreads(inputs: readonly InputFile[], cores = availableParallelism()): number {
  const files = inputs.filter((f) => f.path !== STDIN);
  const bytes = files.reduce((n, f) => n + (f.size ?? 0), 0);
  if (cores < POOL_MIN_CORES || files.length < 2 || bytes < POOL_MIN_BYTES) return 1;
  return Math.min(cores, files.length);
}

/**
 * The worker module beside this one: the bundle's scan-worker.mjs (dist/cli), or the TypeScript source
 * run through tsx when the CLI itself runs from source (tests, `tsx lib/cli/main.ts`).
 */
function workerModule(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith(".ts");
  return {
    filename: new URL(fromSource ? "./scan-worker.ts" : "./scan-worker.mjs", import.meta.url).href,
    // By URL: `--import tsx` would be resolved from the working directory, which need not be this project.
    execArgv: fromSource ? ["--import", import.meta.resolve("tsx")] : [],
  };
}

export interface PoolScan {
  threads: number;
  cwd: string;
  maxFileSize: number;
  options: ScanOptions;
  /** Scans an input the main thread must read itself (stdin) into a part, at its place in the order. */
  scanHere(input: InputFile): Promise<{ scan: FileScan; unreadable: boolean }>;
  /** Called as each input is merged (progress bar). */
  onMerged(input: InputFile): void;
}

/** A file's objects, read again in this thread (see PolicyObjects). */
export function rereadObjects(
  input: InputFile,
  p: { cwd: string; maxFileSize: number; options: ScanOptions },
): FileScan["policies"]["objects"] {
  const again = new Scanner(p.options);
  addInputFile(again, input, p.cwd, p.maxFileSize);
  return again.takePolicyObjects();
}

/** Scans the inputs in a pool and merges them into `scanner` in order; returns the unreadable-file count. */
export async function scanInPool(
  scanner: Scanner,
  inputs: readonly InputFile[],
  p: PoolScan,
): Promise<number> {
  // Loaded here, not at start-up: a one-thread scan (small inputs, one file) never needs it.
  const { Piscina } = await import("piscina");
  const pool = new Piscina<ScanTask, ScanTaskResult>({
    ...workerModule(),
    minThreads: p.threads,
    maxThreads: p.threads,
    idleTimeout: 1000,
  });
  // A worker that cannot start (e.g. its module is missing) fails the scan instead of leaving it waiting.
  const broken = new Promise<never>((_, reject) => pool.once("error", reject));
  broken.catch(() => {});
  const window = p.threads * 4;
  const pending = new Map<number, Promise<ScanTaskResult>>();
  let unreadable = 0;
  let next = 0;
  const objects = new PolicyObjects(scanner);
  const submit = () => {
    while (next < inputs.length && pending.size < window) {
      const input = inputs[next];
      const task: ScanTask = {
        input,
        cwd: p.cwd,
        maxFileSize: p.maxFileSize,
        options: p.options,
        withObjects: objects.keeps(input),
      };
      const run = input.path === STDIN ? p.scanHere(input) : pool.run(task);
      run.catch(() => {}); // awaited in order below; avoids an unhandled rejection meanwhile
      pending.set(next++, run);
    }
  };
  try {
    submit();
    for (let i = 0; i < inputs.length; i++) {
      const result = await Promise.race([pending.get(i) as Promise<ScanTaskResult>, broken]);
      pending.delete(i);
      submit();
      const found = result.objectsWithheld ? null : result.scan.policies.objects;
      result.scan.policies.objects = [];
      scanner.addFileScan(result.scan);
      objects.add(inputs[i], found);
      if (result.unreadable) unreadable++;
      p.onMerged(inputs[i]);
    }
  } finally {
    await pool.destroy();
  }
  objects.restore((input) => rereadObjects(input, p));
  return unreadable;
}
