import { ImportError, parseReportText } from "@/lib/importers";
import { HttpError } from "./http-error";
import { assertStorableText, decodeUtf8, maxBodyBytes, readBody } from "./read-body";

/**
 * A scan body as JSON or YAML: YAML when the content type says so (application/yaml, text/yaml) or the body is
 * not a JSON object or array (`kubectl get policyreports -A -o yaml`, a multi-document stream of reports). A
 * body that looks like JSON stays strict JSON: 400 naming the parse error, as readJsonBody answers.
 */
export async function readScanBody(request: Request, limit = maxBodyBytes()): Promise<unknown> {
  const text = decodeUtf8(await readBody(request, limit));
  if (!text.trim()) throw new HttpError(400, "request body is empty: expected JSON or YAML");
  const yaml = /yaml/i.test(request.headers.get("content-type") ?? "");
  const first = text.trimStart()[0];
  let value: unknown;
  if (!yaml && (first === "{" || first === "[")) {
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new HttpError(400, `request body is not valid JSON: ${(err as Error).message}`);
    }
  } else {
    try {
      value = parseReportText(text, "request body");
    } catch (err) {
      if (err instanceof ImportError) throw new HttpError(400, err.message);
      throw err;
    }
  }
  assertStorableText(value);
  return value;
}
