import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { deleteProgramPolicy } from "@/lib/server/delete-program-policy";
import { saveProgramPolicy } from "@/lib/server/save-program-policy";
import { policyNameSchema, saveProgramPolicySchema } from "@/lib/validations/program-policy";
import { routeParams } from "@/lib/validations/request-input";

type Context = { params: Promise<{ slug: string; name: string }> };

/** `{text, source?}`: creates (201) or replaces (200) one entry of the policy set (editors). */
export async function PUT(request: Request, { params }: Context) {
  try {
    const { slug, name } = await routeParams(params);
    const actor = await getActor(request);
    const input = saveProgramPolicySchema.parse(await readJsonBody(request, 1024 * 1024));
    const { policy, created } = await saveProgramPolicy(actor, slug, policyNameSchema.parse(name), input);
    return NextResponse.json({ policy }, { status: created ? 201 : 200 });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Removes one entry of the policy set (editors). */
export async function DELETE(request: Request, { params }: Context) {
  try {
    const { slug, name } = await routeParams(params);
    const actor = await getActor(request);
    await deleteProgramPolicy(actor, slug, policyNameSchema.parse(name));
    return new NextResponse(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
