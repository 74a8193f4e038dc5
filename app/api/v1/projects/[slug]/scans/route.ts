import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { rateKey } from "@/lib/http/rate-key";
import { readScanBody } from "@/lib/http/read-scan-body";
import { createScan } from "@/lib/server/create-scan";
import { findScans } from "@/lib/server/find-scans";
import { consumeRateLimit } from "@/lib/server/rate-limit";
import { requireProject } from "@/lib/server/require-project";
import { scanMetaSchema } from "@/lib/validations/ingest";
import { parseScanPayload, payloadFormatSchema } from "@/lib/validations/parse-scan-payload";
import { queryParams, routeParams } from "@/lib/validations/request-input";
import { scanListQuerySchema } from "@/lib/validations/scan";

// Both handlers read the request, so Next never prerenders them.
type Context = { params: Promise<{ slug: string }> };

/** Lists scans, newest first: `?environment=` filters. */
export async function GET(request: Request, { params }: Context) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const { environment } = scanListQuerySchema.parse(queryParams(request));
    return NextResponse.json({ scans: await findScans(actor, slug, { environment }) });
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * Ingests a scan: the body is the scanner's JSON contract (schemaVersion 1), or another tool's output
 * (`?format=polaris|kube-score|kubescape|sarif|policyreport`, detected when omitted), as JSON or YAML (in-cluster
 * PolicyReports as `kubectl get … -o yaml` prints them). `?environment=` is required;
 * `takenAt`, `gitRef`, `gitCommit`, `message` are optional. Idempotent: a retry with the same `Idempotency-Key`
 * header (the CLI sends one per run), or without one the same content and observation (generatedAt/takenAt,
 * commit, source), answers 200 with the scan already stored; anything else is a new scan (201).
 */
export async function POST(request: Request, { params }: Context) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    // Refuse before reading a (possibly large) body from someone who may not store scans here.
    await requireProject(actor, slug, "ingest");
    await consumeRateLimit("upload", rateKey(actor, request));
    const { format, ...query } = queryParams(request);
    const meta = scanMetaSchema.parse({
      ...query,
      idempotencyKey: request.headers.get("idempotency-key") ?? query.idempotencyKey,
    });
    const payload = parseScanPayload(
      await readScanBody(request),
      format ? payloadFormatSchema.parse(format) : undefined,
      { now: new Date() },
    );
    const scan = await createScan({ actor, projectSlug: slug, meta, ...payload });
    return NextResponse.json({ scan }, { status: scan.created ? 201 : 200 });
  } catch (err) {
    return errorResponse(err);
  }
}
