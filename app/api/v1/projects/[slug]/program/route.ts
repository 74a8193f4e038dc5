import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { routeParams } from "@/lib/validations/request-input";
import { getActor } from "@/lib/http/get-actor";
import { HttpError } from "@/lib/http/http-error";
import { assertStorableText, readTextBody } from "@/lib/http/read-body";
import { stringify } from "yaml";
import { parseProgram } from "@/lib/program";
import { applyProgram } from "@/lib/server/apply-program";
import { exportProgram } from "@/lib/server/export-program";

/** A program file is plans and rules, never large: refuse anything bigger before parsing it. */
const MAX_PROGRAM_BYTES = 1024 * 1024;

/**
 * Sets the roadmap from a program file (the body is program.yaml, as text). Editors. The first call creates the
 * roadmap; later ones replace the plan and keep the ticks, app-added milestones and notes recorded since.
 */
export async function PUT(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const text = await readTextBody(request, MAX_PROGRAM_BYTES);
    const parsed = parseProgram(text, "program.yaml");
    if (!parsed.ok) throw new HttpError(422, parsed.errors.join("\n"), parsed.issues[0]?.path || undefined);
    // YAML escapes ("\0", "\ud800") can make text the database cannot store.
    assertStorableText(parsed.program, "program.yaml");
    const roadmap = await applyProgram(actor, slug, parsed.program);
    return NextResponse.json({ roadmap }, { status: roadmap.created ? 201 : 200 });
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * Exports the program file (readers): YAML, or JSON when the request accepts application/json. Importing it with
 * PUT gives the same program, with the ticks and notes recorded in the app.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const program = await exportProgram(actor, slug);
    if ((request.headers.get("accept") ?? "").includes("application/json")) {
      return NextResponse.json(program);
    }
    return new NextResponse(stringify(program, { lineWidth: 0 }), {
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": `attachment; filename="${slug}-program.yaml"`,
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
