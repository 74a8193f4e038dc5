import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { routeParams } from "@/lib/validations/request-input";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { setMilestoneDone } from "@/lib/server/set-milestone-done";
import { setMilestoneDoneSchema } from "@/lib/validations/roadmap";

/** `{done, note?, doneOn?}` ticks (done on `doneOn`, default today) or unticks a milestone, recording who and when (editors). */
export async function PUT(
  request: Request,
  { params }: { params: Promise<{ slug: string; milestoneId: string }> },
) {
  try {
    const { slug, milestoneId } = await routeParams(params);
    const actor = await getActor(request);
    const input = setMilestoneDoneSchema.parse(await readJsonBody(request, 64 * 1024));
    return NextResponse.json({ milestone: await setMilestoneDone(actor, slug, milestoneId, input) });
  } catch (err) {
    return errorResponse(err);
  }
}
