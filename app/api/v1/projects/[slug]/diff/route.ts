import { NextResponse } from "next/server";
import { z } from "zod";
import { authorize } from "@/lib/http/authorize";
import { errorResponse } from "@/lib/http/error-response";
import { findScanDiff } from "@/lib/server/find-scan-diff";

const querySchema = z.object({ from: z.string().min(1), to: z.string().min(1) });

/** `?from=<scan id>&to=<scan id>`: components added/removed and controls fixed/regressed/waived, per category. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await params;
    await authorize(request, slug, "project:read");
    const { from, to } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return NextResponse.json(await findScanDiff(slug, from, to));
  } catch (err) {
    return errorResponse(err);
  }
}
