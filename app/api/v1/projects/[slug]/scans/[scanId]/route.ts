import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { deleteScan } from "@/lib/server/delete-scan";
import { findScan } from "@/lib/server/find-scan";
import { routeParams } from "@/lib/validations/request-input";
import { scanIdSchema } from "@/lib/validations/scan";

type Context = { params: Promise<{ slug: string; scanId: string }> };

/**
 * One scan (readers): its facts, summary, errors, notes and other findings, its workloads with their status counts,
 * and its other objects (`resources`: Namespaces, Services... that custom controls evaluated) with their status
 * counts and every result that is not a pass. 404 if unknown.
 */
export async function GET(request: Request, { params }: Context) {
  try {
    const { slug, scanId } = await routeParams(params);
    const actor = await getActor(request);
    return NextResponse.json({ scan: await findScan(actor, slug, scanIdSchema.parse(scanId)) });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Deletes a scan and its results (program admins; audited). 200 with what was deleted, 404 if unknown. */
export async function DELETE(request: Request, { params }: Context) {
  try {
    const { slug, scanId } = await routeParams(params);
    const actor = await getActor(request);
    return NextResponse.json({ deleted: await deleteScan(actor, slug, scanIdSchema.parse(scanId)) });
  } catch (err) {
    return errorResponse(err);
  }
}
