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

/** Text and attribute values in HTML. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Characters a spreadsheet starts a formula (or a DDE call) with, ASCII and full-width. */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * What spreadsheets skip or unescape before they look for a formula: whitespace of any kind (space, tab, line
 * breaks, NBSP and other Unicode spaces), control and format characters (zero-width, BOM, bidi marks), the pipe of
 * DDE payloads and URL-encoded whitespace or controls (%0A, %20…).
 */
const IGNORED_PREFIX = /^(?:[\s\p{Cc}\p{Cf}\p{Z}|]|%(?:[01][0-9a-f]|20|7f))+/iu;

/** Would a spreadsheet read this text as a formula, once what it skips at the start is skipped? */
export function startsFormula(value: string): boolean {
  return (
    FORMULA_START.test(value) ||
    FORMULA_START.test(value.replace(IGNORED_PREFIX, "")) ||
    /^[\t\r\n]/.test(value)
  );
}

/**
 * One CSV field (RFC 4180, always quoted). Text that a spreadsheet could evaluate (see startsFormula) is prefixed
 * with an apostrophe so that it is shown instead (OWASP "CSV injection"); the text itself is kept.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  if (typeof value !== "string") return `"${String(value)}"`;
  const safe = startsFormula(value) ? `'${value}` : value;
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
