import { NextResponse } from "next/server";
import { z } from "zod";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { findScanDiff } from "@/lib/server/find-scan-diff";

const querySchema = z.object({ from: z.string().min(1), to: z.string().min(1) });

/** `?from=<scan id>&to=<scan id>`: components added/removed and controls fixed/regressed/waived, per category. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await params;
    const actor = await getActor(request);
    const { from, to } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return NextResponse.json(await findScanDiff(actor, slug, from, to));
  } catch (err) {
    return errorResponse(err);
  }
}
