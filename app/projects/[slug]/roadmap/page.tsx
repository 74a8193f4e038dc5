import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/DataTable";
import { BurnUpChart, RoadmapTimeline } from "@/components/dashboard/LazyCharts";
import { WorkStreamProgress } from "@/components/dashboard/WorkStreamProgress";
import { MilestoneList, type MilestoneStream } from "@/components/MilestoneList";
import { PhaseHeading } from "@/components/PhaseHeading";
import { ProgramImport } from "@/components/ProgramImport";
import { doneOnDay } from "@/lib/program";
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
  return { title: `Roadmap · ${slug}` };
}

export default async function RoadmapPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const requested = environmentParam(query.environment);
  const actor = await pageActor();
  const [project, data] = await Promise.all([
    projectFor(slug),
    orNotFound(
      findProgramFigures(actor, slug, { environment: requested, phase: environmentParam(query.phase) }),
      `/projects/${slug}/roadmap`,
    ),
  ]);
  const canEdit = allows(actor, project, "edit");
  const { phase, figures, environment } = data;
  const milestones = data.state.milestones ?? {};
  const streams: MilestoneStream[] = (phase?.workStreams ?? []).map((w) => ({
    id: w.id,
    name: w.name,
    milestones: (phase?.milestones ?? [])
      .filter((m) => m.workStream === w.id)
      .map((m) => {
        const state = milestones[m.id];
        return {
          id: m.id,
          title: m.title,
          week: m.week,
          period: phase?.weeks.find((p) => p.from <= m.week && m.week <= p.to) ?? null,
          done:
            state && typeof state === "object"
              ? {
                  on: doneOnDay(state),
                  at: state.at,
                  by: state.by,
                  ...(state.note ? { note: state.note } : {}),
                }
              : null,
        };
      }),
  }));
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={`/projects/${project.slug}`}>{project.name}</Link> /{" "}
        <span aria-current="page">Roadmap</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>{project.name}: roadmap</h1>
          <p className="muted">{project.description}</p>
        </div>
      </div>
      <ProjectNav
        slug={project.slug}
        current="roadmap"
        environments={data.environments}
        environment={environment}
      />
      {phase && figures ? (
        <>
          <section className={styles.section} aria-labelledby="phase-heading">
            <PhaseSelector
              phases={data.phases}
              selected={phase.id}
              path={`/projects/${project.slug}/roadmap`}
              environment={environment}
            />
            <PhaseHeading phase={phase} metaClassName={styles.phaseMeta} />
            <DataTable caption="Periods" columns={["Period", "Focus", "Dates"]}>
              {phase.weeks.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.label}</th>
                  <td>{p.title}</td>
                  <td>
                    {p.start} – {p.end}
                  </td>
                </tr>
              ))}
            </DataTable>
          </section>
          <section className={styles.section} aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <RoadmapTimeline
              phase={phase}
              progress={figures.progress.workStreams}
              asOf={new Date(`${data.figuresAsOf}T12:00:00Z`)}
            />
          </section>
          <section className={styles.section} aria-labelledby="progress-heading">
            <h2 id="progress-heading">Work streams</h2>
            <WorkStreamProgress progress={figures.progress} phaseName={phase.name} />
          </section>
          {data.burnUps.length > 0 ? (
            <section className={styles.section} aria-labelledby="burnup-heading">
              <h2 id="burnup-heading">Burn-up ({environment})</h2>
              <div className={styles.charts}>
                {data.burnUps.map((b) => (
                  <BurnUpChart
                    key={b.workStream}
                    burnUp={b.burnUp}
                    title={`${b.name}: hardened components`}
                  />
                ))}
              </div>
            </section>
          ) : null}
          <section className={styles.section} aria-labelledby="milestones-heading">
            <h2 id="milestones-heading">Milestones</h2>
            <MilestoneList
              slug={project.slug}
              streams={streams}
              canEdit={canEdit}
              doneOnRange={{ min: phase.start, max: new Date().toISOString().slice(0, 10) }}
            />
          </section>
          {canEdit ? (
            <p className={styles.section}>
              <Link href={`/projects/${project.slug}/roadmap/edit`} className="button">
                Edit the roadmap
              </Link>
            </p>
          ) : null}
          {canEdit ? (
            <details className={styles.section}>
              <summary>Replace the plan from a program file</summary>
              <p className="muted">
                Periods, work streams, milestones, exit criteria and metric targets come from the file; ticks,
                milestones added here and period notes are kept (matched by id).
              </p>
              <ProgramImport slug={project.slug} replacing />
            </details>
          ) : null}
        </>
      ) : (
        <section className="card" aria-labelledby="no-roadmap-heading">
          <h2 id="no-roadmap-heading">No roadmap for this program yet</h2>
          <p className="muted">
            A roadmap is a program file (program.yaml): phases and their weeks, work streams, milestones, exit
            criteria and metric targets. See <code>examples/maestro/program.yaml</code> for the format
            {canEdit ? "." : "; an editor of this program can import one."}
          </p>
          {canEdit ? (
            <p>
              <Link href={`/projects/${project.slug}/roadmap/edit`} className="button button-primary">
                Create roadmap
              </Link>{" "}
              in the browser (no YAML needed), or import a program file:
            </p>
          ) : null}
          {canEdit ? <ProgramImport slug={project.slug} replacing={false} /> : null}
        </section>
      )}
    </>
  );
}
