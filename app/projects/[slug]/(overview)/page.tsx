import type { Metadata } from "next";
import Link from "next/link";
import { HardeningMetricsTable } from "@/components/dashboard/HardeningMetricsTable";
import { BurnUpChart, ControlTrendChart } from "@/components/dashboard/LazyCharts";
import { MaturityCard } from "@/components/dashboard/MaturityCard";
import { ScanDiffView } from "@/components/dashboard/ScanDiffView";
import { WorkStreamProgress } from "@/components/dashboard/WorkStreamProgress";
import { PhaseHeading } from "@/components/PhaseHeading";
import { ScanHistoryTable } from "@/components/ScanHistoryTable";
import { allows } from "@/lib/server/actor";
import { findProgramFigures } from "@/lib/server/find-program-figures";
import { findScans } from "@/lib/server/find-scans";
import { orNotFound } from "@/lib/server/not-found-to-404";
import styles from "../overview.module.css";
import { pageActor, projectFor } from "../page-data";
import { PhaseSelector } from "../phase-selector";
import { environmentParam, ProjectNav } from "../project-nav";
import { EvidenceLine, EvidenceToggle, evidenceParam } from "./evidence-line";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{
    environment?: string | string[];
    phase?: string | string[];
    evidence?: string | string[];
  }>;
};

const day = (d: Date) => d.toISOString().slice(0, 10);
/** The overview lists the newest scans only (the scans page has them all): its cost does not grow with history. */
const HISTORY_ROWS = 10;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: slug };
}

export default async function ProjectPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const requested = environmentParam(query.environment);
  const actor = await pageActor();
  const returnTo = `/projects/${slug}`;
  const [project, scans, data] = await Promise.all([
    projectFor(slug),
    orNotFound(findScans(actor, slug, { summary: false }), returnTo),
    orNotFound(
      findProgramFigures(actor, slug, {
        environment: requested,
        phase: environmentParam(query.phase),
        evidence: evidenceParam(query.evidence),
      }),
      returnTo,
    ),
  ]);
  const { phase, figures, environment, latest, previous } = data;
  const burnUp = data.burnUps[0];
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <span aria-current="page">{project.name}</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>{project.name}</h1>
          <p className="muted">{project.description}</p>
        </div>
        <div className={`page-actions ${styles.actions}`}>
          {allows(actor, project, "admin") ? (
            <Link href={`/projects/${project.slug}/settings`} className="button">
              Settings
            </Link>
          ) : null}
          <Link href={`/projects/${project.slug}/upload`} className="button button-primary">
            Upload a scan
          </Link>
        </div>
      </div>
      <ProjectNav
        slug={project.slug}
        current="overview"
        environments={data.environments}
        environment={environment}
      />

      {phase && figures ? (
        <section className={styles.section} aria-labelledby="phase-heading">
          <PhaseSelector phases={data.phases} selected={phase.id} path={returnTo} environment={environment} />
          <PhaseHeading phase={phase} metaClassName={styles.phaseMeta} />
          <HardeningMetricsTable rows={data.metrics} caption={`Kubernetes Hardening (${environment})`} />
          <div className={styles.maturity}>
            <MaturityCard maturity={figures.maturity} />
          </div>
        </section>
      ) : (
        <p className="card muted">
          No roadmap for this program yet: the hardening table, work streams and maturity come from its
          program file, imported on the <Link href={`/projects/${project.slug}/roadmap`}>roadmap</Link> page.
        </p>
      )}

      {figures ? (
        <section className={styles.section} aria-labelledby="progress-heading">
          <h2 id="progress-heading">Work streams</h2>
          <WorkStreamProgress progress={figures.progress} phaseName={phase?.name} />
        </section>
      ) : null}

      {latest ? (
        <>
          <section className={styles.section} aria-labelledby="trends-heading">
            <h2 id="trends-heading">Trends ({environment})</h2>
            <div className={styles.charts}>
              <ControlTrendChart
                points={data.trend.points.map((p) => ({
                  takenAt: p.takenAt,
                  rates: p.rates.map(({ control, rate }) => ({ control, rate })),
                }))}
                controls={data.trend.controls}
                title="Control pass rate over time"
              />
              {burnUp ? (
                <BurnUpChart burnUp={burnUp.burnUp} title={`${burnUp.name}: hardened components`} />
              ) : (
                <p className="card muted">No scan-tracked work stream for this environment.</p>
              )}
            </div>
          </section>

          <section className={styles.section} aria-labelledby="latest-heading">
            <h2 id="latest-heading">Latest scan ({environment})</h2>
            <EvidenceLine scans={scans} environment={environment} latestId={latest.id} />
            <EvidenceToggle
              kinds={data.evidenceKinds}
              evidence={data.evidence}
              href={(kind) =>
                `${returnTo}?${new URLSearchParams({ environment, ...(phase ? { phase: phase.id } : {}), evidence: kind })}`
              }
            />

            <dl className={styles.scanFacts}>
              <div>
                <dt>Taken</dt>
                <dd>
                  <time dateTime={latest.takenAt.toISOString()}>{day(latest.takenAt)}</time>
                </dd>
              </div>
              <div>
                <dt>Workloads</dt>
                <dd>{latest.workloadCount}</dd>
              </div>
              {latest.gitRef ? (
                <div>
                  <dt>Commit</dt>
                  <dd>
                    <code>{latest.gitRef}</code>
                  </dd>
                </div>
              ) : null}
              {latest.message ? (
                <div>
                  <dt>Message</dt>
                  <dd>{latest.message}</dd>
                </div>
              ) : null}
              <div>
                <dt>Components</dt>
                <dd>
                  <Link
                    href={`/projects/${project.slug}/components?environment=${encodeURIComponent(environment)}`}
                  >
                    View all components
                  </Link>
                </dd>
              </div>
            </dl>
            <ScanDiffView
              diff={data.diff}
              beforeLabel={previous ? `the ${day(previous.takenAt)} scan` : undefined}
              afterLabel={`the ${day(latest.takenAt)} scan`}
            />
          </section>
        </>
      ) : (
        <p className="card muted">
          No scan of {environment} yet: the trends and changes start with its first scan.
        </p>
      )}

      <section className={styles.section} aria-labelledby="history-heading">
        <h2 id="history-heading">Scan history</h2>
        <ScanHistoryTable scans={scans.slice(0, HISTORY_ROWS)} basePath={`/projects/${project.slug}`} />
        {scans.length > HISTORY_ROWS ? (
          <p>
            <Link href={`/projects/${project.slug}/scans`}>Every scan</Link> (the newest {HISTORY_ROWS} are
            shown here).
          </p>
        ) : null}
      </section>
    </>
  );
}
