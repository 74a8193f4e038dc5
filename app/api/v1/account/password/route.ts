import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { changeOwnPassword } from "@/lib/server/change-own-password";
import { changePasswordSchema } from "@/lib/validations/account";

/** `{currentPassword, newPassword}`: the signed-in user changes their password; their other sessions end. */
export async function PUT(request: Request) {
  try {
    const actor = await getActor(request);
    const input = changePasswordSchema.parse(await readJsonBody(request, 4 * 1024));
    return NextResponse.json(await changeOwnPassword(actor, input));
  } catch (err) {
    return errorResponse(err);
  }
}
