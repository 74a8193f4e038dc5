import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { updateMilestone } from "@/lib/server/update-milestone";
import { routeParams } from "@/lib/validations/request-input";
import { updateMilestoneSchema } from "@/lib/validations/roadmap";

/** `{title?, week?}` edits a milestone (editors). */
export async function PATCH(
  request: Request,
  { params }: { params: Promise<{ slug: string; milestoneId: string }> },
) {
  try {
    const { slug, milestoneId } = await routeParams(params);
    const actor = await getActor(request);
    const input = updateMilestoneSchema.parse(await readJsonBody(request, 64 * 1024));
    return NextResponse.json({ milestone: await updateMilestone(actor, slug, milestoneId, input) });
  } catch (err) {
    return errorResponse(err);
  }
}
