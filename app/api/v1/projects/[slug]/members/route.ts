import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { setMembership } from "@/lib/server/set-membership";
import { setMembershipSchema } from "@/lib/validations/access";
import { routeParams } from "@/lib/validations/request-input";

/** `{email, role}` gives an account a role on the project; `role: null` removes it. */
export async function PUT(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const input = setMembershipSchema.parse(await readJsonBody(request, 64 * 1024));
    return NextResponse.json({ member: await setMembership(actor, slug, input) });
  } catch (err) {
    return errorResponse(err);
  }
}
