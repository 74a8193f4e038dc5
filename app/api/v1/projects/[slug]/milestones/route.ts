import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { createMilestone } from "@/lib/server/create-milestone";
import { routeParams } from "@/lib/validations/request-input";
import { createMilestoneSchema } from "@/lib/validations/roadmap";

/** `{workStream, title, week}` adds a milestone to a work stream (editors). */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const input = createMilestoneSchema.parse(await readJsonBody(request, 64 * 1024));
    return NextResponse.json({ milestone: await createMilestone(actor, slug, input) }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
