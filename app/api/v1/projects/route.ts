import { NextResponse } from "next/server";
import { authorize } from "@/lib/http/authorize";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-body";
import { createProject } from "@/lib/server/create-project";
import { findProjects } from "@/lib/server/find-projects";
import { createProjectSchema } from "@/lib/validations/project";

export async function GET(request: Request) {
  try {
    await authorize(request, "*", "project:read");
    const projects = await findProjects();
    return NextResponse.json({
      projects: projects.map(({ slug, name, description }) => ({ slug, name, description })),
    });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Creates a project: `{slug, name, description?, maturityBaseline?, maturityTarget?, config?}`. 409 if the slug is taken. */
export async function POST(request: Request) {
  try {
    await authorize(request, "*", "project:create");
    const input = createProjectSchema.parse(await readJsonBody(request, 1024 * 1024));
    const project = await createProject(input);
    return NextResponse.json({ project: { slug: project.slug, name: project.name } }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
