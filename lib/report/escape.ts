/**
 * Escaping for every output format, so that user text (component names, notes, evidence) stays text: it cannot
 * close a Markdown table cell, open an HTML tag, become a spreadsheet formula or a path in a file name.
 */

/** Inline Markdown: GFM backslash escapes for characters that format, link, quote code, or split a table cell. */
export function markdownText(value: string): string {
  return value.replace(/\r?\n|\r/g, " ").replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** A GFM table cell: inline text on one line. */
export const markdownCell = markdownText;

/**
 * Free text written as Markdown (key learnings, handoff notes) kept as Markdown, but contained: raw HTML is shown
 * as text, headings are demoted below the report's own sections, and an unclosed code fence is closed so the
 * rest of the report is not swallowed.
 */
export function markdownBlock(value: string): string {
  const lines = value.replace(/\r\n?/g, "\n").replace(/\s+$/, "").split("\n");
  let fence: string | null = null;
  const out = lines.map((line) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === null ? marker : null;
      return line;
    }
    if (fence !== null) return line;
    const heading = /^\s{0,3}(#{1,6})(\s|$)(.*)$/.exec(line);
    const text = (heading ? heading[3] : line).replace(/</g, "&lt;");
    return heading ? `${"#".repeat(Math.min(6, heading[1].length + 3))} ${text}` : text;
  });
  if (fence !== null) out.push(fence);
  return out.join("\n");
}

/** Text and attribute values in HTML. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * One CSV field (RFC 4180, always quoted). Text starting with =, +, -, @, tab or carriage return is prefixed with
 * an apostrophe so that spreadsheets show it instead of evaluating it (OWASP "CSV injection").
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  if (typeof value !== "string") return `"${String(value)}"`;
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A download file name: lower-case letters, digits, dots and dashes only, never empty, at most 120 characters. */
export function safeFileName(base: string, extension: string): string {
  const stem =
    base
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, "-")
      .replace(/\.{2,}/g, ".")
      .replace(/-{2,}/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "")
      .slice(0, 120 - extension.length - 1)
      .replace(/[-.]+$/g, "") || "report";
  return `${stem}.${extension.replace(/[^a-z0-9]/gi, "").toLowerCase()}`;
}
