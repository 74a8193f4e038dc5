// Each page's first-load JS, computed from a production build's manifests (`next build` no longer prints it):
// shared by `npm run bench:web` and `npm run bench:browser`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

/**
 * Per page of the build in `distDir`: the root main files plus every JS chunk its layouts, page and boundaries
 * load first, gzipped, in kB (1024 bytes). Pages are named by their route (`/projects/[slug]/roadmap`), sorted.
 */
export function firstLoadJs(distDir: string): { page: string; kB: number }[] {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const pages: { page: string; kB: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (entry === "page_client-reference-manifest.js") {
        const context = {
          globalThis: {} as Record<string, Record<string, { entryJSFiles: Record<string, string[]> }>>,
        };
        vm.runInNewContext(readFileSync(file, "utf8"), context);
        const [[name, rsc]] = Object.entries(context.globalThis.__RSC_MANIFEST);
        const chunks = new Set(manifest.rootMainFiles);
        for (const list of Object.values(rsc.entryJSFiles)) for (const chunk of list) chunks.add(chunk);
        const bytes = [...chunks].reduce(
          (n, c) => n + gzipSync(readFileSync(path.join(distDir, c))).length,
          0,
        );
        const page = name.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
        pages.push({ page, kB: bytes / 1024 });
      }
    }
  };
  walk(path.join(distDir, "server", "app"));
  return pages.sort((a, b) => a.page.localeCompare(b.page));
}
