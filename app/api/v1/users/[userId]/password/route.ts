import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { resetUserPassword } from "@/lib/server/reset-user-password";
import { resetPasswordSchema } from "@/lib/validations/account";
import { routeParams } from "@/lib/validations/request-input";

/** `{password}` sets a new password on an account and ends all its sessions (instance admins). */
export async function PUT(request: Request, { params }: { params: Promise<{ userId: string }> }) {
  try {
    const { userId } = await routeParams(params);
    const actor = await getActor(request);
    const { password } = resetPasswordSchema.parse(await readJsonBody(request, 4 * 1024));
    return NextResponse.json(await resetUserPassword(actor, userId, password));
  } catch (err) {
    return errorResponse(err);
  }
}
