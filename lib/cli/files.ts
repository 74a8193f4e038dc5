/** Input discovery for the CLI: paths, recursive directories (.yaml/.yml/.json) and stdin (`-`). */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { UsageError } from "./types.ts";

export const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
export const STDIN = "-";
const SKIP_DIRS = new Set(["node_modules", ".git"]);

export interface InputFile {
  /** Path as shown in the output (relative to the given argument); "-" for stdin. */
  path: string;
  /** Size in bytes (undefined for stdin). */
  size?: number;
}

function walk(cwd: string, dir: string, out: InputFile[], seen: Set<string>): void {
  let real: string;
  try {
    real = realpathSync(resolve(cwd, dir));
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  const entries = readdirSync(resolve(cwd, dir), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    const p = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const s = statSync(resolve(cwd, p));
        isDir = s.isDirectory();
        isFile = s.isFile();
      } catch {
        continue; // dangling link
      }
    }
    if (isDir) {
      if (!SKIP_DIRS.has(e.name)) walk(cwd, p, out, seen);
    } else if (isFile && MANIFEST_EXTENSIONS.has(extname(e.name).toLowerCase())) {
      out.push({ path: p, size: statSync(resolve(cwd, p)).size });
    }
  }
}

/** Expands the path arguments. Throws UsageError (exit 2) for a path that does not exist. */
export function collectInputs(paths: string[], cwd: string = process.cwd()): InputFile[] {
  const out: InputFile[] = [];
  const seenDirs = new Set<string>();
  let stdin = false;
  for (const p of paths) {
    if (p === STDIN) {
      if (!stdin) out.push({ path: STDIN });
      stdin = true;
      continue;
    }
    let s: ReturnType<typeof statSync>;
    try {
      // The CLI's own arguments: not a file the server build needs (without this, tracing takes the whole project).
      s = statSync(/* turbopackIgnore: true */ resolve(cwd, p));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(
        `cannot read ${p}: ${code === "ENOENT" ? "no such file or directory" : (code ?? String(e))}`,
      );
    }
    if (s.isDirectory()) {
      try {
        walk(cwd, p, out, seenDirs);
      } catch (e) {
        throw new UsageError(`cannot read directory ${p}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
    } else out.push({ path: p, size: s.size });
  }
  const seen = new Set<string>();
  return out.filter((f) => {
    if (seen.has(f.path)) return false;
    seen.add(f.path);
    return true;
  });
}

export async function readStream(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
): Promise<{ text: string; tooLarge: boolean; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of stream) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > maxBytes) tooLarge = true;
    else chunks.push(b);
  }
  return { text: tooLarge ? "" : Buffer.concat(chunks).toString("utf8"), tooLarge, size };
}

/** Parses "10MB", "512k", "1048576" (bytes). */
export function parseSize(v: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$/i.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? "b").toLowerCase()[0];
  const mult = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
  return Math.floor(n * mult);
}
