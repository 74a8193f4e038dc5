import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { findAuditLog } from "@/lib/server/find-audit-log";
import { routeParams } from "@/lib/validations/request-input";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    return NextResponse.json({ entries: await findAuditLog(await getActor(request), slug) });
  } catch (err) {
    return errorResponse(err);
  }
}
