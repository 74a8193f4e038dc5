import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { findScanDiff } from "@/lib/server/find-scan-diff";
import { queryParams, routeParams } from "@/lib/validations/request-input";
import { scanPairQuerySchema } from "@/lib/validations/scan";

/** `?from=<scan id>&to=<scan id>`: components added/removed and controls fixed/regressed/waived, per category. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const { from, to } = scanPairQuerySchema.parse(queryParams(request));
    return NextResponse.json(await findScanDiff(actor, slug, from, to));
  } catch (err) {
    return errorResponse(err);
  }
}
