import path from "node:path";
import { ValidationError } from "@/lib/server/errors";

export const MAX_UPLOAD_FILES = 2000;
export const MAX_UPLOAD_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Characters a file name may not hold, since they hide or reorder what a reader sees or break logs: C0 and C1
 * controls (NUL, U+0085 NEL…), format characters (bidi overrides and isolates U+202A-U+202E and U+2066-U+2069,
 * U+200E/F, zero-width characters, BOM), line and paragraph separators, and lone surrogates.
 */
const UNSAFE_NAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|\p{Cs}/u;

/** The name with every unsafe character as a visible \u escape, for the error message. */
const visible = (name: string) =>
  name.replace(
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|\p{Cs}/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );

/**
 * A browser-supplied file name (possibly a folder-relative path) as a safe relative path: no absolute paths,
 * no `..` segments, no control, format or bidirectional characters. Throws a ValidationError naming the file.
 */
export function safeUploadPath(name: string, index: number): string {
  const field = `files[${index}]`;
  if (!name || name.length > 1024) throw new ValidationError("file name is empty or too long", field);
  const unsafe = UNSAFE_NAME.exec(name);
  if (unsafe) {
    const code = `U+${(unsafe[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new ValidationError(
      `file name "${visible(name)}" contains ${code} (a control, format or bidirectional character)`,
      field,
    );
  }
  const unified = name.replace(/\\/g, "/");
  if (unified.startsWith("/") || /^[a-zA-Z]:/.test(unified) || unified.split("/").includes("..")) {
    throw new ValidationError(`file name "${name}" must be a relative path without ".."`, field);
  }
  const normalised = path.posix.normalize(unified).replace(/^(\.\/)+/, "");
  if (!normalised || normalised === ".")
    throw new ValidationError(`file name "${name}" is not a file`, field);
  return normalised;
}
