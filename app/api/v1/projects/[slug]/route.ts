import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { deleteProject } from "@/lib/server/delete-project";
import { deleteProjectSchema } from "@/lib/validations/project";

/** `{confirm: "<slug>"}` deletes the program and everything it holds (program admins). 204. */
export async function DELETE(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await params;
    const actor = await getActor(request);
    const { confirm } = deleteProjectSchema.parse(await readJsonBody(request, 4 * 1024));
    await deleteProject(actor, slug, confirm);
    return new NextResponse(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
