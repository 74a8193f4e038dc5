import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { RoadmapEditor } from "@/components/roadmap-editor/RoadmapEditor";
import { CORE_CONTROL_IDS } from "@/lib/program/program-schema";
import { allows } from "@/lib/server/actor";
import { findCustomControls } from "@/lib/server/find-custom-controls";
import { orNotFound } from "@/lib/server/not-found-to-404";
import { pageActor, projectFor } from "../../page-data";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Edit the roadmap · ${slug}` };
}

/** The roadmap editor (editors): the program file as a form, saved through the same import as program.yaml. */
export default async function EditRoadmapPage({ params }: Props) {
  const { slug } = await params;
  const actor = await pageActor();
  const here = `/projects/${slug}/roadmap/edit`;
  if (actor.kind === "anonymous") redirect(`/sign-in?returnTo=${encodeURIComponent(here)}`);
  const [project, customControls] = await Promise.all([
    projectFor(slug),
    orNotFound(findCustomControls(actor, slug), here),
  ]);
  const canEdit = allows(actor, project, "edit");
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={`/projects/${project.slug}`}>{project.name}</Link> /{" "}
        <Link href={`/projects/${project.slug}/roadmap`}>Roadmap</Link> /{" "}
        <span aria-current="page">Edit</span>
      </nav>
      <h1>{project.name}: edit the roadmap</h1>
      {canEdit ? (
        <>
          <p className="muted">
            Saving checks the roadmap with the rules of a program file (program.yaml) and keeps the ticks,
            milestones added on the roadmap page and period notes recorded since. Every save is in the audit
            log.
          </p>
          <RoadmapEditor
            slug={project.slug}
            project={{
              slug: project.slug,
              name: project.name,
              description: project.description,
              environments: project.environments,
            }}
            coreControls={CORE_CONTROL_IDS}
            customControls={customControls}
          />
        </>
      ) : (
        <p className="card">
          Your role in this program ({project.role ?? "none: it is public"}) does not allow editing the
          roadmap: ask one of its admins to make you an editor.
        </p>
      )}
    </>
  );
}
