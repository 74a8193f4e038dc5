import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { setUserDisabled } from "@/lib/server/set-user-disabled";
import { updateUserSchema } from "@/lib/validations/account";
import { routeParams } from "@/lib/validations/request-input";

type Context = { params: Promise<{ userId: string }> };

/** `{disabled: true}` disables an account (no sign-in, sessions and its API tokens end), `false` enables it (instance admins). */
export async function PATCH(request: Request, { params }: Context) {
  try {
    const { userId } = await routeParams(params);
    const actor = await getActor(request);
    const { disabled } = updateUserSchema.parse(await readJsonBody(request, 4 * 1024));
    return NextResponse.json({ user: await setUserDisabled(actor, userId, disabled) });
  } catch (err) {
    return errorResponse(err);
  }
}
