import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { HttpError } from "@/lib/http/http-error";
import { rateKey } from "@/lib/http/rate-key";
import { readBody } from "@/lib/http/read-body";
import { createScan } from "@/lib/server/create-scan";
import { consumeRateLimit } from "@/lib/server/rate-limit";
import { requireProject } from "@/lib/server/require-project";
import { scanUploadedFiles } from "@/lib/server/scan-uploaded-files";
import { scanMetaSchema } from "@/lib/validations/ingest";
import { detectPayloadFormat, parseScanPayload } from "@/lib/validations/parse-scan-payload";
import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES, safeUploadPath } from "@/lib/validations/upload";

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * Upload from the UI (multipart, field `files`, names may be folder-relative paths): manifests are scanned on
 * the server; a single JSON file that is a scan result (Rampart's or another tool's) is ingested as it is.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await params;
    const actor = await getActor(request);
    // Refuse before reading a (possibly large) body from someone who may not store scans here.
    await requireProject(actor, slug, "ingest");
    await consumeRateLimit("upload", rateKey(actor, request));
    const meta = scanMetaSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
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
        return { path, content: await file.text() };
      }),
    );
    const manifests = files.filter((f) => MANIFEST.test(f.path));
    if (manifests.length === 0)
      throw new HttpError(422, "no .yaml, .yml or .json files among the uploaded files", "files");

    const result = resultFile(manifests);
    const payload = result
      ? parseScanPayload(result.json, undefined, { now: new Date(), fileName: result.path })
      : { result: await scanUploadedFiles(actor, slug, manifests), source: "upload" as const };
    const scan = await createScan({ actor, projectSlug: slug, meta, ...payload });
    return NextResponse.json(
      { scan, workloads: payload.result.workloads.length, errors: payload.result.errors },
      { status: scan.created ? 201 : 200 },
    );
  } catch (err) {
    return errorResponse(err);
  }
}

/** A lone JSON file that is a scan result rather than a manifest. */
function resultFile(files: { path: string; content: string }[]): { path: string; json: unknown } | null {
  if (files.length !== 1 || !files[0].path.toLowerCase().endsWith(".json")) return null;
  try {
    const json = JSON.parse(files[0].content);
    return detectPayloadFormat(json) ? { path: files[0].path, json } : null;
  } catch {
    return null;
  }
}
