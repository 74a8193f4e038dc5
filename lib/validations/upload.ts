import path from "node:path";
import { ValidationError } from "@/lib/server/errors";

export const MAX_UPLOAD_FILES = 2000;
export const MAX_UPLOAD_FILE_BYTES = 10 * 1024 * 1024;

/**
 * A browser-supplied file name (possibly a folder-relative path) as a safe relative path: no absolute paths,
 * no `..` segments, no control characters. Throws a ValidationError naming the file.
 */
export function safeUploadPath(name: string, index: number): string {
  const field = `files[${index}]`;
  if (!name || name.length > 1024) throw new ValidationError("file name is empty or too long", field);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new ValidationError("file name contains control characters", field);
  const unified = name.replace(/\\/g, "/");
  if (unified.startsWith("/") || /^[a-zA-Z]:/.test(unified) || unified.split("/").includes("..")) {
    throw new ValidationError(`file name "${name}" must be a relative path without ".."`, field);
  }
  const normalised = path.posix.normalize(unified).replace(/^(\.\/)+/, "");
  if (!normalised || normalised === ".")
    throw new ValidationError(`file name "${name}" is not a file`, field);
  return normalised;
}
