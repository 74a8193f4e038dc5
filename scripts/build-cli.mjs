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

/** The CEL engine (@bufbuild/cel, protobuf, RE2: ~600 kB) in its own CommonJS file, loaded on first use. */
const CEL_FILE = "cel.cjs";
/** What the bundle takes from the CEL side (see celShims); built from these sources into CEL_FILE. */
const CEL_ENTRY = `export { CelCompileError, compile } from "./lib/scanner/cel/env.ts";
export { PolicyEvaluator } from "./lib/scanner/vap/evaluate.ts";
`;

/**
 * esbuild plugin: the scanner imports the CEL engine statically (it is pure and synchronous), but a scan
 * without ValidatingAdmissionPolicies never runs it, and loading it costs a third of the start-up. In the
 * bundle, the two modules that reach it (vap/policy.ts → cel/env.ts, vap/collect.ts → vap/evaluate.ts)
 * get stand-ins that require() CEL_FILE synchronously the first time a policy is read or evaluated.
 */
const celShims = {
  name: "rampart-lazy-cel",
  setup(b) {
    const load = `import { createRequire } from "node:module";
let cel;
export const loadCel = () => (cel ??= createRequire(import.meta.url)("./${CEL_FILE}"));`;
    b.onResolve({ filter: /^\.\.\/cel\/env\.ts$/ }, (a) =>
      a.importer.endsWith("lib/scanner/vap/policy.ts") ? { path: "env", namespace: "lazy-cel" } : undefined,
    );
    b.onResolve({ filter: /^\.\/evaluate\.ts$/ }, (a) =>
      a.importer.endsWith("lib/scanner/vap/collect.ts")
        ? { path: "evaluate", namespace: "lazy-cel" }
        : undefined,
    );
    b.onResolve({ filter: /^lazy-cel-load$/ }, () => ({ path: "load", namespace: "lazy-cel" }));
    b.onLoad({ filter: /.*/, namespace: "lazy-cel" }, (a) => {
      if (a.path === "load") return { contents: load, loader: "js" };
      if (a.path === "env")
        return {
          loader: "js",
          contents: `import { loadCel } from "lazy-cel-load";
export const compile = (expression) => loadCel().compile(expression);
// Only CEL_FILE makes CelCompileErrors: until it is loaded nothing is one.
export const CelCompileError = { [Symbol.hasInstance]: (e) => e instanceof loadCel().CelCompileError };`,
        };
      return {
        loader: "js",
        contents: `import { loadCel } from "lazy-cel-load";
export class PolicyEvaluator {
  constructor(...args) {
    return new (loadCel().PolicyEvaluator)(...args);
  }
}`,
      };
    });
  },
};

/**
 * Builds into a fresh folder and swaps it in, so a CLI already running from dist/cli keeps its chunks and
 * two builds at once (e.g. parallel first uses) each leave a complete bundle.
 */
export async function buildCli() {
  const { build } = await import("esbuild");
  const tmp = `${OUT}.tmp-${process.pid}`;
  const common = {
    metafile: true,
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    target: "node20",
    // Less to read and compile at every start (the bundle is ~2 MB unminified); names are kept short.
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  };
  const cel = await build({
    ...common,
    stdin: { contents: CEL_ENTRY, resolveDir: ROOT, sourcefile: "<cel-entry>.ts", loader: "ts" },
    outfile: join(tmp, CEL_FILE),
    format: "cjs",
  });
  const result = await build({
    ...common,
    plugins: [celShims],
    entryPoints: { rampart: "lib/cli/main.ts", "scan-worker": "lib/cli/scan-worker.ts" },
    outdir: tmp,
    outExtension: { ".js": ".mjs" },
    splitting: true,
    chunkNames: "chunk-[hash]",
    // piscina finds its own worker script beside itself (__dirname): it stays in node_modules.
    external: ["piscina"],
    format: "esm",
    // Bundled CommonJS dependencies call require(): give them one.
    banner: {
      js: "import { createRequire as __rampartRequire } from 'node:module'; const require = __rampartRequire(import.meta.url);",
    },
  });
  const sources = [...Object.keys(result.metafile.inputs), ...Object.keys(cel.metafile.inputs)].filter(
    (p, i, all) =>
      !p.startsWith("node_modules/") && !p.includes(":") && !p.startsWith("<") && all.indexOf(p) === i,
  );
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
