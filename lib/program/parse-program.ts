/**
 * Parse and validate a `kind: Program` YAML document. Pure: the caller reads the file.
 *
 *   const result = parseProgram(text, "program.yaml");
 *   if (!result.ok) console.error(result.errors.join("\n"));
 *   // → program.yaml: phases[0].weeks[1].end: Invalid date
 */
import { LineCounter, parseAllDocuments } from "yaml";
import type { z } from "zod";
import { formatPath } from "../scanner/format-zod-error.ts";
import { type ProgramDefinition, programDefinitionSchema } from "./program-schema.ts";

export interface ProgramIssue {
  /** Field path such as `phases[0].weeks[1].end`; empty for the document itself. */
  path: string;
  message: string;
  /** 1-based line of a YAML syntax error, when known. */
  line?: number;
}

export type ParseProgramResult =
  | { ok: true; program: ProgramDefinition }
  | {
      ok: false;
      issues: ProgramIssue[];
      /** One line per issue: `<fileName>: <path>: <message>`. */
      errors: string[];
    };

export class ProgramParseError extends Error {
  readonly fileName: string;
  readonly issues: ProgramIssue[];

  constructor(fileName: string, issues: ProgramIssue[]) {
    super(issues.map((i) => formatIssue(fileName, i)).join("\n"));
    this.name = "ProgramParseError";
    this.fileName = fileName;
    this.issues = issues;
  }
}

export function formatIssue(fileName: string, issue: ProgramIssue): string {
  const where = issue.line !== undefined ? `line ${issue.line}` : issue.path;
  return where ? `${fileName}: ${where}: ${issue.message}` : `${fileName}: ${issue.message}`;
}

function zodIssues(error: z.ZodError): ProgramIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

function fail(fileName: string, issues: ProgramIssue[]): ParseProgramResult {
  return { ok: false, issues, errors: issues.map((i) => formatIssue(fileName, i)) };
}

/** Parse YAML text into a validated program definition, or report every problem with its field path. */
export function parseProgram(text: string, fileName: string): ParseProgramResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  if (!Array.isArray(docs)) return fail(fileName, [{ path: "", message: "Empty document" }]);
  const nonEmpty = docs.filter((d) => d.contents !== null || d.errors.length > 0);
  if (nonEmpty.length === 0) return fail(fileName, [{ path: "", message: "Empty document" }]);
  if (nonEmpty.length > 1) {
    return fail(fileName, [{ path: "", message: `Expected one YAML document, found ${nonEmpty.length}` }]);
  }
  const doc = nonEmpty[0];
  if (doc.errors.length > 0) {
    return fail(
      fileName,
      doc.errors.map((e) => ({
        path: "",
        message: e.message.split("\n")[0],
        line: e.pos ? lineCounter.linePos(e.pos[0]).line : undefined,
      })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // An alias bomb (or an alias to nothing) is the file's fault, not a crash.
    return fail(fileName, [{ path: "", message: (err as Error).message.split("\n")[0] }]);
  }
  const parsed = programDefinitionSchema.safeParse(data);
  if (!parsed.success) return fail(fileName, zodIssues(parsed.error));
  return { ok: true, program: parsed.data };
}

/** Like parseProgram, but throws a ProgramParseError. */
export function parseProgramOrThrow(text: string, fileName: string): ProgramDefinition {
  const result = parseProgram(text, fileName);
  if (!result.ok) throw new ProgramParseError(fileName, result.issues);
  return result.program;
}
