/**
 * Reads one input file into a Scanner, as the single-threaded CLI and the worker threads both do, so that
 * their results are the same: size limit, unreadable and binary files become per-file errors.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Scanner } from "../scanner/scan.ts";
import type { InputFile } from "./files.ts";

/** Adds the file (or its error) to the scanner; true when it could not be read (exit code 2). */
export function addInputFile(scanner: Scanner, input: InputFile, cwd: string, maxFileSize: number): boolean {
  const path = input.path;
  if (input.size !== undefined && input.size > maxFileSize) {
    scanner.addError(
      path,
      `file is larger than the size limit (${input.size} > ${maxFileSize} bytes, see --max-file-size); skipped`,
    );
    return false;
  }
  let buf: Buffer;
  try {
    buf = readFileSync(resolve(cwd, path));
  } catch (e) {
    scanner.addError(path, `cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return true;
  }
  if (buf.includes(0)) {
    scanner.addError(path, "binary file (contains NUL bytes); skipped");
    return false;
  }
  scanner.addFile(path, buf.toString("utf8"));
  return false;
}
