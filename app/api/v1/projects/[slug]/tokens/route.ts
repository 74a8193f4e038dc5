import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { createApiToken } from "@/lib/server/create-api-token";
import { findApiTokens } from "@/lib/server/find-api-tokens";
import { createTokenSchema } from "@/lib/validations/access";
import { routeParams } from "@/lib/validations/request-input";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  try {
    const { slug } = await routeParams(params);
    return NextResponse.json({ tokens: await findApiTokens(await getActor(request), slug) });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Creates a token; the response holds its secret, shown this once. */
export async function POST(request: Request, { params }: Context) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const input = createTokenSchema.parse(await readJsonBody(request, 64 * 1024));
    const token = await createApiToken(actor, slug, {
      ...input,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : undefined,
    });
    return NextResponse.json({ token }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
