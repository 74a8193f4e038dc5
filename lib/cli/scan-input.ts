/**
 * Reads one input file into a Scanner, as the single-threaded CLI and the worker threads both do, so that
 * their results are the same: size limit, unreadable and binary files become per-file errors.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Scanner } from "../scanner/scan.ts";
import { type InputFile, STDIN } from "./files.ts";

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

type PolicyObjectList = ReturnType<Scanner["takePolicyObjects"]>;

/**
 * Every parsed object is policy evaluation's input (ValidatingAdmissionPolicies), but only a scan that holds
 * a policy evaluates them, and they are as large as the parsed input. So the CLI sets each file's objects
 * aside in input order (`add`), keeps them only once the scan holds a policy (with --policies: from the
 * start), and otherwise remembers that the file had some (`null`): `restore` gives them back to the scanner
 * before `finish()`, reading such files again in the rare case a policy turned up after them. Stdin cannot
 * be read again: its objects are always kept.
 */
export class PolicyObjects {
  /** What the scanner held before the first file: the objects of `options.policies` (parameters). */
  private readonly sources: PolicyObjectList;
  private readonly byFile: (PolicyObjectList | null)[] = [];
  private readonly inputs: InputFile[] = [];

  constructor(private readonly scanner: Scanner) {
    this.sources = scanner.takePolicyObjects();
  }

  /** Whether objects read now must be kept: the scan holds a policy, or the input is stdin. */
  keeps(input: InputFile): boolean {
    return this.scanner.hasPolicies() || input.path === STDIN;
  }

  /**
   * Records the next input's objects (in input order), after its part of the scan was added to the
   * scanner; `null`: the worker left them out (the file is read again if needed).
   */
  add(input: InputFile, objects: PolicyObjectList | null): void {
    this.inputs.push(input);
    this.byFile.push(objects === null || objects.length === 0 || this.keeps(input) ? objects : null);
  }

  /** Gives the scanner every file's objects, in input order, if it holds a policy; else drops them. */
  restore(reread: (input: InputFile) => PolicyObjectList): void {
    if (this.scanner.hasPolicies()) {
      this.scanner.addPolicyObjects(this.sources);
      for (let i = 0; i < this.byFile.length; i++)
        this.scanner.addPolicyObjects(this.byFile[i] ?? reread(this.inputs[i]));
    }
    this.byFile.length = 0;
    this.inputs.length = 0;
  }
}
