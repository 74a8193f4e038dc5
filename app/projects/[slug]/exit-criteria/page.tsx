import type { Metadata } from "next";
import Link from "next/link";
import { ExitCriteriaEditor } from "@/components/ExitCriteriaEditor";
import { allows } from "@/lib/server/actor";
import { findProgramFigures } from "@/lib/server/find-program-figures";
import { orNotFound } from "@/lib/server/not-found-to-404";
import styles from "../overview.module.css";
import { pageActor, projectFor } from "../page-data";
import { PhaseSelector } from "../phase-selector";
import { environmentParam, ProjectNav } from "../project-nav";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ environment?: string | string[]; phase?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Exit criteria · ${slug}` };
}

export default async function ExitCriteriaPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const requested = environmentParam(query.environment);
  const actor = await pageActor();
  const [project, data] = await Promise.all([
    projectFor(slug),
    orNotFound(
      findProgramFigures(actor, slug, { environment: requested, phase: environmentParam(query.phase) }),
      `/projects/${slug}/exit-criteria`,
    ),
  ]);
  const canEdit = allows(actor, project, "edit");
  const { phase, figures } = data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={`/projects/${project.slug}`}>{project.name}</Link> /{" "}
        <span aria-current="page">Exit criteria</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>{project.name}: exit criteria</h1>
          <p className="muted">
            Automatic criteria are computed from scans, milestones or maturity and show their evidence; manual
            ones are ticked{canEdit ? "" : " by editors"} with the day the work was done and a note.
          </p>
        </div>
      </div>
      <ProjectNav
        slug={project.slug}
        current="exit-criteria"
        environments={data.environments}
        environment={data.environment}
      />
      <section className={styles.section}>
        {phase ? (
          <PhaseSelector
            phases={data.phases}
            selected={phase.id}
            path={`/projects/${project.slug}/exit-criteria`}
            environment={data.environment}
          />
        ) : null}
        {phase && figures ? (
          <ExitCriteriaEditor
            slug={project.slug}
            criteria={figures.exitCriteria}
            phaseName={phase.number !== undefined ? `Phase ${phase.number}` : phase.name}
            canEdit={canEdit}
            doneOnRange={{ min: phase.start, max: new Date().toISOString().slice(0, 10) }}
          />
        ) : (
          <p className="card muted">
            No roadmap for this program yet: exit criteria come with its program file, imported on the{" "}
            <Link href={`/projects/${project.slug}/roadmap`}>roadmap</Link> page.
          </p>
        )}
      </section>
    </>
  );
}
