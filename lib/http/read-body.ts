import { findUnsafeText } from "@/lib/validations/safe-text";
import { HttpError } from "./http-error";

/**
 * Request body limit of scans and uploads: 25 MB, overridable by RAMPART_MAX_BODY_BYTES; never more than the
 * proxy's body buffer lets through whole (its size, RAMPART_PROXY_BODY_BYTES, is set by next.config.js when the
 * server is built, 1 MB above the limit the build saw).
 */
export function maxBodyBytes(): number {
  const configured = Number(process.env.RAMPART_MAX_BODY_BYTES);
  const limit = Number.isFinite(configured) && configured > 0 ? configured : 25 * 1024 * 1024;
  const buffered = Number(process.env.RAMPART_PROXY_BODY_BYTES);
  return Number.isFinite(buffered) && buffered > 0 ? Math.min(limit, buffered - 1024 * 1024) : limit;
}

const tooLarge = (limit: number) =>
  new HttpError(
    413,
    `request body exceeds the limit of ${limit} bytes (${(limit / 1024 / 1024).toFixed(1)} MB)`,
    "body",
  );

/**
 * Reads a request body, refusing it as soon as it passes `limit` bytes (whatever Content-Length claims), so an
 * oversized upload is never buffered whole.
 */
export async function readBody(request: Request, limit = maxBodyBytes()): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Bytes as UTF-8 text, refusing invalid sequences (400 naming `field`, and the file `name` when it is one)
 * instead of storing U+FFFD in their place. A leading byte-order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array, field = "body", name = field): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, `${name} is not valid UTF-8 text`, field);
  }
}

/** Refuses (422 naming the field) a parsed value holding text the database cannot store: NUL, lone surrogates. */
export function assertStorableText(value: unknown, prefix = ""): void {
  const unsafe = findUnsafeText(value);
  if (!unsafe) return;
  const field = prefix ? (unsafe.field === "(root)" ? prefix : `${prefix}: ${unsafe.field}`) : unsafe.field;
  throw new HttpError(422, `${field}: ${unsafe.reason}`, field);
}

/** Reads a text body within `limit` bytes, strictly UTF-8, without NUL or lone surrogates. */
export async function readTextBody(request: Request, limit = maxBodyBytes()): Promise<string> {
  const text = decodeUtf8(await readBody(request, limit));
  assertStorableText(text, "body");
  return text;
}

/**
 * Reads a JSON body within `limit` bytes: 400 when it is empty, not UTF-8 or not JSON, 413 when too large, 422
 * naming the field when a string or key anywhere in it holds NUL or a lone surrogate (`"\u0000"`, `"\ud800"`).
 */
export async function readJsonBody(request: Request, limit = maxBodyBytes()): Promise<unknown> {
  const text = decodeUtf8(await readBody(request, limit));
  if (!text.trim()) throw new HttpError(400, "request body is empty: expected JSON");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `request body is not valid JSON: ${(err as Error).message}`);
  }
  assertStorableText(json);
  return json;
}
