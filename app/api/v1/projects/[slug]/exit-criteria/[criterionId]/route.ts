import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { routeParams } from "@/lib/validations/request-input";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { setCriterionMet } from "@/lib/server/set-criterion-met";
import { setCriterionMetSchema } from "@/lib/validations/roadmap";

/** `{met, note?, doneOn?}` ticks (met on `doneOn`, default today) or unticks a manual exit criterion (editors); automatic ones answer 422. */
export async function PUT(
  request: Request,
  { params }: { params: Promise<{ slug: string; criterionId: string }> },
) {
  try {
    const { slug, criterionId } = await routeParams(params);
    const actor = await getActor(request);
    const input = setCriterionMetSchema.parse(await readJsonBody(request, 64 * 1024));
    return NextResponse.json({ criterion: await setCriterionMet(actor, slug, criterionId, input) });
  } catch (err) {
    return errorResponse(err);
  }
}
