import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { revokeApiToken } from "@/lib/server/revoke-api-token";
import { routeParams } from "@/lib/validations/request-input";

/** Revokes a token: it stops working at once; it stays listed with its revocation time. */
export async function DELETE(
  request: Request,
  { params }: { params: Promise<{ slug: string; tokenId: string }> },
) {
  try {
    const { slug, tokenId } = await routeParams(params);
    const token = await revokeApiToken(await getActor(request), slug, tokenId);
    return NextResponse.json({ token: { id: token.id, revokedAt: token.revokedAt } });
  } catch (err) {
    return errorResponse(err);
  }
}
