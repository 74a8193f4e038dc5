/**
 * Turns file text into documents: multi-document YAML (YAML 1.1 scalars, like kubectl) or JSON.
 * Never throws: malformed input, unrendered templates and alias bombs become per-document issues.
 *
 * Three paths, same results: JSON.parse for JSON; the js-yaml fast path (parse-fast.ts) for plain
 * YAML; the `yaml` package's full Document model (`parseWithYaml`) for everything the fast path can't
 * promise (errors, templates, anchors/aliases, tags, merge keys, duplicate keys, ...).
 */
import { isCollection, isPair, parseAllDocuments, visit } from "yaml";
import { parseFast } from "./parse-fast.ts";

export interface ParsedDocument {
  /** 0-based index of the document in the file. */
  document: number;
  /** 1-based line where the document's content starts. */
  line: number;
  value: unknown;
}

export interface ParseIssue {
  document: number;
  line: number;
  message: string;
}

export interface ParseOutput {
  documents: ParsedDocument[];
  errors: ParseIssue[];
  /** Non-fatal findings, e.g. duplicate keys (Kubernetes keeps the last value, so do we). */
  notes: ParseIssue[];
}

export interface ParseOptions {
  /** Upper bound for alias expansion (yaml's maxAliasCount); billion-laughs documents exceed it. */
  maxAliasCount?: number;
  /** The text is a .json file: a syntax error is reported as JSON (line and column), not as YAML. */
  json?: boolean;
}

export const DEFAULT_MAX_ALIAS_COUNT = 10_000;

/** The options the scanner parses with (YAML 1.1 scalars like kubectl: yes/no/on/off, 0644 octal). */
export const YAML_PARSE_OPTIONS = { version: "1.1", prettyErrors: false, uniqueKeys: true } as const;

/** Go/Helm template action: `{{ .Values.x }}`, `{{- include ... }}`, `{{ $x }}`, `{{ if ... }}`... */
const GO_TEMPLATE =
  /\{\{-?\s*(?:[.$("]|\/\*|(?:if|else|end|range|with|include|template|define|block|toYaml|tpl|printf|default|required|quote|fail|not|eq|ne)\b)/;

export function looksLikeGoTemplate(text: string): boolean {
  return GO_TEMPLATE.test(text);
}

export const TEMPLATE_HINT =
  "unrendered Helm/Go template ({{ … }}): render it first, e.g. `helm template <release> <chart> | rampart scan -`";

/** Lazily built index of line starts, for offset → line. */
class Lines {
  private starts: number[] | null = null;
  constructor(private readonly text: string) {}
  lineOf(offset: number): number {
    if (!this.starts) {
      const s = [0];
      const t = this.text;
      let i = t.indexOf("\n");
      while (i !== -1) {
        s.push(i + 1);
        i = t.indexOf("\n", i + 1);
      }
      this.starts = s;
    }
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function firstLine(msg: string): string {
  const i = msg.indexOf("\n");
  return (i === -1 ? msg : msg.slice(0, i)).trim();
}

export function parseText(text: string, options: ParseOptions = {}): ParseOutput {
  const out: ParseOutput = { documents: [], errors: [], notes: [] };
  let src = text;
  if (src.charCodeAt(0) === 0xfeff) src = src.slice(1);

  // JSON fast path (a .json file or text starting with { or [): JSON.parse is much faster than YAML.
  const first = src.trimStart()[0];
  let jsonError: ParseIssue | undefined;
  if (first === "{" || first === "[") {
    try {
      out.documents.push({ document: 0, line: 1, value: JSON.parse(src) });
      return out;
    } catch (e) {
      // Not strict JSON: YAML (a superset) may still read it; if not, the JSON error is the useful one.
      jsonError = jsonSyntaxError(src, e);
    }
  } else if (options.json && src.trim() !== "") {
    try {
      out.documents.push({ document: 0, line: 1, value: JSON.parse(src) });
      return out;
    } catch (e) {
      jsonError = jsonSyntaxError(src, e);
    }
  }

  // Unrendered templates go straight to yaml, which reports them with the `helm template` hint.
  const fast = looksLikeGoTemplate(src) ? null : parseFast(src);
  if (fast) {
    const lines = new Lines(src);
    for (let i = 0; i < fast.length; i++)
      out.documents.push({ document: i, line: lines.lineOf(fast[i].offset), value: fast[i].value });
    return out;
  }
  const slow = parseWithYaml(src, options);
  // A .json file that YAML cannot read either: its JSON syntax error is the one that helps.
  if (
    options.json &&
    jsonError &&
    slow.errors.length > 0 &&
    slow.documents.length === 0 &&
    !looksLikeGoTemplate(src)
  )
    return { ...slow, errors: [jsonError] };
  return slow;
}

/** JSON.parse's error as "invalid JSON at line L, column C: …" (V8 reports a character position). */
function jsonSyntaxError(src: string, e: unknown): ParseIssue {
  const msg = e instanceof Error ? e.message : String(e);
  const m = / at position (\d+)/.exec(msg);
  const pos = m ? Number(m[1]) : src.length;
  const before = src.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  const what = msg.replace(/ in JSON at position \d+.*$/, "").replace(/ at position \d+.*$/, "");
  return {
    document: 0,
    line: 1,
    message: `invalid JSON at line ${line}, column ${column}: ${pos >= src.trimEnd().length ? "unexpected end of input (truncated file?)" : what}`,
  };
}

/**
 * Rough nesting depth of YAML text: block indentation levels, `- ` runs and flow brackets (outside quotes,
 * comments and block scalars). Linear, with plain loops and no regular expressions.
 */
export function nestingDepth(src: string): number {
  let max = 0;
  const indents: number[] = [];
  let flow = 0;
  let scalarIndent = -1; // inside a block scalar (| or >) started at this indentation
  for (const line of src.split("\n")) {
    let i = 0;
    while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
    if (i === line.length) continue;
    if (scalarIndent >= 0) {
      if (i > scalarIndent) continue;
      scalarIndent = -1;
    }
    if (line[i] === "#") continue;
    while (indents.length && indents[indents.length - 1] >= i) indents.pop();
    indents.push(i);
    const indent = i;
    let dashes = 0;
    while (line[i] === "-" && (line[i + 1] === " " || i + 1 === line.length)) {
      dashes++;
      i += 2;
      while (line[i] === " ") i++;
    }
    let peak = flow;
    let quote = "";
    let last = "";
    for (; i < line.length; i++) {
      const ch = line[i];
      if (quote) {
        if (ch === quote) quote = "";
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "#" && (last === " " || last === "")) break;
      else if (ch === "[" || ch === "{") peak = Math.max(peak, ++flow);
      else if (ch === "]" || ch === "}") flow = Math.max(0, flow - 1);
      if (ch !== " ") last = ch;
      else last = " ";
    }
    if (flow === 0 && (last === "|" || last === ">" || /[|>][-+0-9]*$/.test(line.trimEnd())))
      scalarIndent = indent;
    max = Math.max(max, indents.length + dashes + peak);
  }
  return max;
}

/** Deeper documents are rejected before parsing: the parsers recurse per level and would overflow the stack. */
export const MAX_NESTING = 500;

function tooDeep(depth: number): string {
  return `document is nested deeper than ${MAX_NESTING} levels (about ${depth}), more than the YAML parser can follow (Kubernetes objects are a few dozen levels deep); skipped`;
}

const STACK_OVERFLOW = /Maximum call stack size exceeded|too much recursion/;

/** A mapping key that is itself a mapping or list: never Kubernetes, typically an unquoted `{{ … }}`. */
function collectionKeyOffset(doc: { contents: unknown }): number | undefined {
  let offset: number | undefined;
  visit(doc as never, {
    Pair(_, pair) {
      if (isPair(pair) && isCollection(pair.key)) {
        offset = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      }
    },
  });
  return offset;
}

/**
 * The reference path: the `yaml` package's Document model (text without BOM, no JSON fast path).
 * Slower, but exact errors and notes, alias limits and template detection.
 */
export function parseWithYaml(src: string, options: ParseOptions = {}): ParseOutput {
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const out: ParseOutput = { documents: [], errors: [], notes: [] };
  const lines = new Lines(src);
  const depth = nestingDepth(src);
  if (depth > MAX_NESTING) {
    out.errors.push({ document: 0, line: 1, message: tooDeep(depth) });
    return out;
  }
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(src, YAML_PARSE_OPTIONS);
  } catch (e) {
    const msg = firstLine(String(e));
    out.errors.push({
      document: 0,
      line: 1,
      message: STACK_OVERFLOW.test(msg) ? tooDeep(nestingDepth(src)) : `invalid YAML: ${msg}`,
    });
    return out;
  }
  const list = Array.isArray(docs) ? docs : [];
  const isTemplate = looksLikeGoTemplate(src);
  list.forEach((doc, index) => {
    const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
    const line = lines.lineOf(start);
    const fatal = doc.errors.filter((e) => e.code !== "DUPLICATE_KEY");
    if (fatal.length === 0 && doc.errors.length > 0) {
      const lines2 = doc.errors.map((e) => lines.lineOf(e.pos?.[0] ?? start));
      out.notes.push({
        document: index,
        line,
        message: `duplicate mapping keys (line ${lines2.join(", ")}): the last value wins, as in kubectl`,
      });
    } else if (doc.errors.length > 0) {
      const err = fatal[0];
      const errLine = lines.lineOf(err.pos?.[0] ?? start);
      const docText = doc.range ? src.slice(doc.range[0], doc.range[2]) : src;
      if (STACK_OVERFLOW.test(err.message)) {
        out.errors.push({ document: index, line, message: tooDeep(nestingDepth(src)) });
      } else if (isTemplate && (docText.includes("{{") || list.length === 1)) {
        out.errors.push({
          document: index,
          line,
          message: `${TEMPLATE_HINT} (YAML error at line ${errLine})`,
        });
      } else {
        out.errors.push({
          document: index,
          line,
          message: `invalid YAML at line ${errLine}: ${firstLine(err.message)}`,
        });
      }
      return;
    }
    if (doc.contents === null) return; // empty document: not an error
    // An unquoted `{{ .Values.x }}` parses as a flow mapping used as a key: an unrendered template that
    // happens to parse (toJS would stringify the key, with a warning on stderr).
    const keyAt = collectionKeyOffset(doc);
    if (keyAt !== undefined) {
      const keyLine = lines.lineOf(keyAt);
      out.errors.push({
        document: index,
        line,
        message: isTemplate
          ? `${TEMPLATE_HINT} (template at line ${keyLine})`
          : `invalid YAML at line ${keyLine}: a mapping key is itself a mapping or list, which no Kubernetes object has`,
      });
      return;
    }
    try {
      out.documents.push({ document: index, line, value: doc.toJS({ maxAliasCount }) });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      out.errors.push({
        document: index,
        line,
        message: /alias/i.test(msg)
          ? `rejected: YAML aliases expand beyond the limit (${maxAliasCount}); possible "billion laughs" alias bomb`
          : `could not read document: ${firstLine(msg)}`,
      });
    }
  });
  return out;
}
