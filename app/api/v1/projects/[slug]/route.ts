import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { routeParams } from "@/lib/validations/request-input";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { deleteProject } from "@/lib/server/delete-project";
import { updateProject } from "@/lib/server/update-project";
import { deleteProjectSchema, updateProjectSchema } from "@/lib/validations/project";

/** `{confirm: "<slug>"}` deletes the program and everything it holds (program admins). 204. */
export async function DELETE(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const { confirm } = deleteProjectSchema.parse(await readJsonBody(request, 4 * 1024));
    await deleteProject(actor, slug, confirm);
    return new NextResponse(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * `{slug?, name?, description?, visibility?, environments?: [{name, description?}]}` changes the program's settings
 * (program admins; audited). 409 when the new slug is taken, 422 naming the field on bad input.
 */
export async function PATCH(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const input = updateProjectSchema.parse(await readJsonBody(request, 64 * 1024));
    const project = await updateProject(actor, slug, input);
    return NextResponse.json({ project });
  } catch (err) {
    return errorResponse(err);
  }
}
