import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { updatePeriodNotes } from "@/lib/server/update-period-notes";
import { periodNotesSchema } from "@/lib/validations/report";
import { routeParams } from "@/lib/validations/request-input";

/** `{keyLearnings?, handoff?}` writes a roadmap period's notes for the report (editors; audited). */
export async function PATCH(
  request: Request,
  { params }: { params: Promise<{ slug: string; periodId: string }> },
) {
  try {
    const { slug, periodId } = await routeParams(params);
    const actor = await getActor(request);
    const input = periodNotesSchema.parse(await readJsonBody(request, 128 * 1024));
    return NextResponse.json({ notes: await updatePeriodNotes(actor, slug, periodId, input) });
  } catch (err) {
    return errorResponse(err);
  }
}
