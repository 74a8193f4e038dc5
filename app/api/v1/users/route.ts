import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { createUser } from "@/lib/server/create-user";
import { findUsers } from "@/lib/server/find-users";
import { createUserSchema } from "@/lib/validations/user";

/** Every account with its program roles (instance admins). */
export async function GET(request: Request) {
  try {
    return NextResponse.json({ users: await findUsers(await getActor(request)) });
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * Creates an account (instance admins): `{email, name, password, instanceAdmin?}`; the password is hashed by
 * better-auth (scrypt) and never stored or logged in clear. 409 when the email has an account.
 */
export async function POST(request: Request) {
  try {
    const actor = await getActor(request);
    const input = createUserSchema.parse(await readJsonBody(request, 16 * 1024));
    const user = await createUser(actor, input);
    return NextResponse.json({ user }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
