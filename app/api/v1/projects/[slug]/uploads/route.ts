import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { HttpError } from "@/lib/http/http-error";
import { rateKey } from "@/lib/http/rate-key";
import { decodeUtf8, readBody } from "@/lib/http/read-body";
import { parseReportText } from "@/lib/importers";
import { createScan } from "@/lib/server/create-scan";
import { consumeRateLimit } from "@/lib/server/rate-limit";
import { requireProject } from "@/lib/server/require-project";
import { scanUploadedFiles } from "@/lib/server/scan-uploaded-files";
import { ingestScanResultSchema, scanMetaSchema } from "@/lib/validations/ingest";
import { detectPayloadFormat, parseScanPayload } from "@/lib/validations/parse-scan-payload";
import { queryParams, routeParams } from "@/lib/validations/request-input";
import { unsafeTextReason } from "@/lib/validations/safe-text";
import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES, safeUploadPath } from "@/lib/validations/upload";

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * Upload from the UI (multipart, field `files`, names may be folder-relative paths): manifests are scanned on
 * the server; a single JSON file that is a scan result (Rampart's or another tool's) is ingested as it is.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    // Refuse before reading a (possibly large) body from someone who may not store scans here.
    await requireProject(actor, slug, "ingest");
    await consumeRateLimit("upload", rateKey(actor, request));
    const meta = scanMetaSchema.parse(queryParams(request));
    const body = await readBody(request);
    let form: FormData;
    try {
      const headers = { "content-type": request.headers.get("content-type") ?? "" };
      form = await new Response(new Uint8Array(body), { headers }).formData();
    } catch {
      throw new HttpError(400, "expected a multipart/form-data body with files");
    }
    const uploads = form.getAll("files").filter((f): f is File => typeof f !== "string");
    if (uploads.length === 0) throw new HttpError(422, "no files uploaded", "files");
    if (uploads.length > MAX_UPLOAD_FILES)
      throw new HttpError(422, `too many files: ${uploads.length} (limit ${MAX_UPLOAD_FILES})`, "files");
    const files = await Promise.all(
      uploads.map(async (file, i) => {
        const path = safeUploadPath(file.name, i);
        if (file.size > MAX_UPLOAD_FILE_BYTES)
          throw new HttpError(
            413,
            `${path} exceeds the per-file limit of ${MAX_UPLOAD_FILE_BYTES} bytes`,
            `files[${i}]`,
          );
        // Strict UTF-8: a file that is not text is refused, not stored with U+FFFD in place of its bytes.
        const content = decodeUtf8(new Uint8Array(await file.arrayBuffer()), `files[${i}]`, path);
        const unsafe = unsafeTextReason(content);
        if (unsafe) throw new HttpError(422, `${path} ${unsafe}`, `files[${i}]`);
        return { path, content };
      }),
    );
    const manifests = files.filter((f) => MANIFEST.test(f.path));
    if (manifests.length === 0)
      throw new HttpError(422, "no .yaml, .yml or .json files among the uploaded files", "files");

    const result = resultFile(manifests);
    const payload = result
      ? parseScanPayload(result.json, undefined, { now: new Date(), fileName: result.path })
      : {
          // The same contract as a pushed scan: YAML escapes ("\0", "\ud800") can put unstorable text in names.
          result: ingestScanResultSchema.parse(await scanUploadedFiles(actor, slug, manifests)),
          source: "upload" as const,
        };
    if (!result) refuseWithoutObjects(manifests, payload.result);
    const scan = await createScan({ actor, projectSlug: slug, meta, ...payload });
    return NextResponse.json(
      { scan, workloads: payload.result.workloads.length, errors: payload.result.errors },
      { status: scan.created ? 201 : 200 },
    );
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * Manifests in which the scanner found no Kubernetes object at all (a file of "xxxx", a README saved as .yaml)
 * would store an empty scan that becomes the environment's latest: refuse them, naming the files and the
 * scanner's reason for each when it gave one.
 */
function refuseWithoutObjects(
  files: { path: string }[],
  result: {
    workloads: unknown[];
    objects: Record<string, number>;
    errors: { file: string; message: string }[];
  },
) {
  if (result.workloads.length > 0 || Object.values(result.objects).some((n) => n > 0)) return;
  const named = files.slice(0, 5).map(({ path }) => {
    const error = result.errors.find((e) => e.file === path);
    return error ? `${path}: ${error.message}` : path;
  });
  const more = files.length > named.length ? `; and ${files.length - named.length} more` : "";
  throw new HttpError(
    422,
    `no Kubernetes object found in the uploaded files (${named.join("; ")}${more})`,
    "files",
  );
}

/**
 * A lone file that is a scan result rather than a manifest: a JSON file in any result format, or a YAML file of
 * in-cluster policy reports (`kubectl get policyreports -A -o yaml`); other YAML is manifests to scan.
 */
function resultFile(files: { path: string; content: string }[]): { path: string; json: unknown } | null {
  if (files.length !== 1) return null;
  const json = files[0].path.toLowerCase().endsWith(".json");
  try {
    const value = json ? JSON.parse(files[0].content) : parseReportText(files[0].content, files[0].path);
    const format = detectPayloadFormat(value);
    return format && (json || format === "policyreport") ? { path: files[0].path, json: value } : null;
  } catch {
    return null;
  }
}
