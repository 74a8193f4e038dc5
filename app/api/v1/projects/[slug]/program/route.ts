import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { HttpError } from "@/lib/http/http-error";
import { readBody } from "@/lib/http/read-body";
import { parseProgram } from "@/lib/program";
import { applyProgram } from "@/lib/server/apply-program";

/** A program file is plans and rules, never large: refuse anything bigger before parsing it. */
const MAX_PROGRAM_BYTES = 1024 * 1024;

/**
 * Sets the roadmap from a program file (the body is program.yaml, as text). Editors. The first call creates the
 * roadmap; later ones replace the plan and keep the ticks, app-added milestones and notes recorded since.
 */
export async function PUT(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await params;
    const actor = await getActor(request);
    const text = (await readBody(request, MAX_PROGRAM_BYTES)).toString("utf8");
    const parsed = parseProgram(text, "program.yaml");
    if (!parsed.ok) throw new HttpError(422, parsed.errors.join("\n"), parsed.issues[0]?.path || undefined);
    const roadmap = await applyProgram(actor, slug, parsed.program);
    return NextResponse.json({ roadmap }, { status: roadmap.created ? 201 : 200 });
  } catch (err) {
    return errorResponse(err);
  }
}
