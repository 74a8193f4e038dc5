import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { revokeUserSessions } from "@/lib/server/revoke-user-sessions";
import { routeParams } from "@/lib/validations/request-input";

/** Ends every session of an account: it is signed out everywhere (instance admins). */
export async function DELETE(request: Request, { params }: { params: Promise<{ userId: string }> }) {
  try {
    const { userId } = await routeParams(params);
    return NextResponse.json(await revokeUserSessions(await getActor(request), userId));
  } catch (err) {
    return errorResponse(err);
  }
}
