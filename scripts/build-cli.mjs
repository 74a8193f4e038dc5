/**
 * Builds the CLI as plain JavaScript (dist/cli/rampart.mjs and its worker, scan-worker.mjs) with esbuild, so
 * that `rampart` starts without compiling TypeScript. Run by `npm ci`/`npm install` (postinstall) and, when
 * the bundle is missing or older than a source file, by bin/rampart.mjs on first use.
 * Plain .mjs (no tsx): it must run before anything else is built. `node scripts/build-cli.mjs [--if-stale]`.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CLI_BUNDLE = join(ROOT, "dist/cli/rampart.mjs");
/** The project files the bundle was built from (esbuild's metafile), written last: its presence means done. */
const OUT = join(ROOT, "dist/cli");
const INPUTS = join(OUT, "inputs.json");

/** True when the bundle is missing, or older than one of its project sources or package-lock.json. */
export function cliBundleStale() {
  let inputs;
  let built;
  try {
    inputs = JSON.parse(readFileSync(INPUTS, "utf8"));
    built = Math.min(statSync(INPUTS).mtimeMs, statSync(CLI_BUNDLE).mtimeMs);
  } catch {
    return true;
  }
  // A deleted or renamed source file also makes it stale (-1 > built is false, so use Infinity).
  const mtime = (p) =>
    statSync(join(ROOT, p), { throwIfNoEntry: false })?.mtimeMs ?? Number.POSITIVE_INFINITY;
  return [...inputs, "package-lock.json", "scripts/build-cli.mjs"].some((p) => mtime(p) > built);
}

/**
 * Builds into a fresh folder and swaps it in, so a CLI already running from dist/cli keeps its chunks and
 * two builds at once (e.g. parallel first uses) each leave a complete bundle.
 */
export async function buildCli() {
  const { build } = await import("esbuild");
  const tmp = `${OUT}.tmp-${process.pid}`;
  const result = await build({
    metafile: true,
    absWorkingDir: ROOT,
    entryPoints: { rampart: "lib/cli/main.ts", "scan-worker": "lib/cli/scan-worker.ts" },
    outdir: tmp,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    chunkNames: "chunk-[hash]",
    platform: "node",
    // piscina finds its own worker script beside itself (__dirname): it stays in node_modules.
    external: ["piscina"],
    format: "esm",
    target: "node20",
    // Bundled CommonJS dependencies call require(): give them one.
    banner: {
      js: "import { createRequire as __rampartRequire } from 'node:module'; const require = __rampartRequire(import.meta.url);",
    },
    logLevel: "warning",
  });
  const sources = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("node_modules/"));
  writeFileSync(join(tmp, "inputs.json"), `${JSON.stringify(sources, null, 1)}\n`);
  const old = `${OUT}.old-${process.pid}`;
  if (existsSync(OUT)) renameSync(OUT, old);
  try {
    renameSync(tmp, OUT);
  } catch (e) {
    // Another build swapped its folder in meanwhile: that one is as good as ours.
    if (!existsSync(OUT)) throw e;
    rmSync(tmp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes("--if-stale") || cliBundleStale()) await buildCli();
}
