import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { readJsonBody } from "@/lib/http/read-body";
import { createProject } from "@/lib/server/create-project";
import { findProjects } from "@/lib/server/find-projects";
import { createProjectSchema } from "@/lib/validations/project";

export async function GET(request: Request) {
  try {
    const projects = await findProjects(await getActor(request));
    return NextResponse.json({
      projects: projects.map(({ slug, name, description }) => ({ slug, name, description })),
    });
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * Creates a project: `{slug, name, description?, visibility?, environments?: [{name, description?}], maturityBaseline?,
 * maturityTarget?, config?}`. 409 if the slug is taken.
 */
export async function POST(request: Request) {
  try {
    const actor = await getActor(request);
    const input = createProjectSchema.parse(await readJsonBody(request, 1024 * 1024));
    const project = await createProject(actor, input);
    return NextResponse.json({ project: { slug: project.slug, name: project.name } }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
