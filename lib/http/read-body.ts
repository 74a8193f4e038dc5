import { HttpError } from "./http-error";

/** Default request body limit for ingest: 25 MB, overridable by RAMPART_MAX_BODY_BYTES. */
export function maxBodyBytes(): number {
  const configured = Number(process.env.RAMPART_MAX_BODY_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : 25 * 1024 * 1024;
}

/**
 * Reads a request body, refusing it as soon as it passes `limit` bytes (whatever Content-Length claims), so an
 * oversized upload is never buffered whole.
 */
export async function readBody(request: Request, limit = maxBodyBytes()): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > limit) throw new HttpError(413, `request body exceeds the limit of ${limit} bytes`);
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
      throw new HttpError(413, `request body exceeds the limit of ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body within `limit` bytes; 400 when it is empty or not JSON, 413 when too large. */
export async function readJsonBody(request: Request, limit = maxBodyBytes()): Promise<unknown> {
  const text = (await readBody(request, limit)).toString("utf8");
  if (!text.trim()) throw new HttpError(400, "request body is empty: expected JSON");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `request body is not valid JSON: ${(err as Error).message}`);
  }
}
