import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { deleteException } from "@/lib/server/delete-exception";
import { updateException } from "@/lib/server/update-exception";
import { EXCEPTION_BODY_LIMIT, updateExceptionSchema } from "@/lib/validations/exception";
import { routeParams } from "@/lib/validations/request-input";

type Context = { params: Promise<{ slug: string; exceptionId: string }> };

/** Changes any of an exception's fields (editors); the answer is the exception as stored. */
export async function PATCH(request: Request, { params }: Context) {
  try {
    const { slug, exceptionId } = await routeParams(params);
    const actor = await getActor(request);
    const input = updateExceptionSchema.parse(await readJsonBody(request, EXCEPTION_BODY_LIMIT));
    return NextResponse.json({ exception: await updateException(actor, slug, exceptionId, input) });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Revokes an exception (editors): it stops waiving at once; the audit log keeps what it said. */
export async function DELETE(request: Request, { params }: Context) {
  try {
    const { slug, exceptionId } = await routeParams(params);
    return NextResponse.json({
      exception: await deleteException(await getActor(request), slug, exceptionId),
    });
  } catch (err) {
    return errorResponse(err);
  }
}
