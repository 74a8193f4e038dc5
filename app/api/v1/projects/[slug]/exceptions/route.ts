import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { createException } from "@/lib/server/create-exception";
import { findExceptions } from "@/lib/server/find-exceptions";
import { createExceptionSchema, EXCEPTION_BODY_LIMIT } from "@/lib/validations/exception";
import { routeParams } from "@/lib/validations/request-input";

type Context = { params: Promise<{ slug: string }> };

/** The program's exceptions: stored ones with what each waives now, and those recorded by the latest scans. */
export async function GET(request: Request, { params }: Context) {
  try {
    const { slug } = await routeParams(params);
    return NextResponse.json(await findExceptions(await getActor(request), slug));
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * Documents an exception (editors): `{selector: {kind?, namespace?, name?}, control, justification, owner,
 * expires?: "YYYY-MM-DD" | null, environment?: string | null}`. 201 with the stored exception.
 */
export async function POST(request: Request, { params }: Context) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const input = createExceptionSchema.parse(await readJsonBody(request, EXCEPTION_BODY_LIMIT));
    return NextResponse.json({ exception: await createException(actor, slug, input) }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
