/** What the caller is told when the database's disk is full: nothing was saved, and what to do. */
export const DISK_FULL_MESSAGE =
  "The server's disk is full: nothing was saved. Free space on the database volume, then retry.";

const DISK_FULL_CODES = new Set([
  "53100", // PostgreSQL disk_full ("could not extend file …: No space left on device"), PGlite included
  "ENOSPC", // Node's own file writes (the data directory's lock, uploads written to disk)
]);
const DISK_FULL_TEXT = /No space left on device|could not extend file|ENOSPC/i;

/**
 * Whether `err` says the disk is full. Drivers wrap the database's error (Prisma's known-request error → the driver
 * adapter's error → PostgreSQL's code and message), so the chain of causes and metadata is searched.
 */
export function isDiskFull(err: unknown, depth = 0): boolean {
  if (depth > 5 || err === null || typeof err !== "object") return false;
  const { code, originalCode, message } = err as {
    code?: unknown;
    originalCode?: unknown;
    message?: unknown;
  };
  if (DISK_FULL_CODES.has(String(code)) || DISK_FULL_CODES.has(String(originalCode))) return true;
  if (typeof message === "string" && DISK_FULL_TEXT.test(message)) return true;
  const nested = err as { cause?: unknown; meta?: unknown; driverAdapterError?: unknown };
  return [nested.cause, nested.meta, nested.driverAdapterError].some((inner) => isDiskFull(inner, depth + 1));
}
