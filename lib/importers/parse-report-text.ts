/**
 * A result file's text as JSON or YAML: `kubectl get policyreports -A -o yaml` prints a YAML List, and reports
 * saved one by one are a multi-document stream (turned into a List of its documents).
 */
import { parseAllDocuments } from "yaml";
import { ImportError } from "./types.ts";

export function parseReportText(text: string, what = "input"): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(text);
    } catch {
      // JSON is YAML too: flow-style YAML with comments or trailing commas is read below.
    }
  }
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const parsed: unknown[] = [];
  for (const [i, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
    const error = doc.errors[0];
    if (error) {
      const line = text.slice(0, error.pos[0]).split("\n").length;
      throw new ImportError(
        `${what}: not valid JSON or YAML (document ${i + 1}, line ${line}: ${error.message.split("\n")[0]})`,
        `document ${i + 1}`,
      );
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) parsed.push(value);
  }
  if (parsed.length === 0) throw new ImportError(`${what}: empty (no JSON or YAML document)`, "(root)");
  return parsed.length === 1 ? parsed[0] : { apiVersion: "v1", kind: "List", items: parsed };
}
