import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { findProgramPolicies } from "@/lib/server/find-program-policies";
import { routeParams } from "@/lib/validations/request-input";

/** The program's policy set: name, source, YAML text and hash of each entry (readers). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    return NextResponse.json({ policies: await findProgramPolicies(actor, slug) });
  } catch (err) {
    return errorResponse(err);
  }
}
