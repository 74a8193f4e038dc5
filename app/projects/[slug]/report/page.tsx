import type { Metadata } from "next";
import Link from "next/link";
import { NotesPreview } from "@/components/report/NotesPreview";
import { PeriodNotesEditor } from "@/components/report/PeriodNotesEditor";
import { ReportDownloads } from "@/components/report/ReportDownloads";
import { ReportPreview } from "@/components/report/ReportPreview";
import { ScanPicker } from "@/components/ScanPicker";
// The period form looks like the scan picker beside it.
import picker from "@/components/ScanPicker.module.css";
import { allows } from "@/lib/server/actor";
import { ValidationError } from "@/lib/server/errors";
import { findPhases } from "@/lib/server/find-phases";
import { findReport } from "@/lib/server/find-report";
import { findScans } from "@/lib/server/find-scans";
import { orNotFound } from "@/lib/server/not-found-to-404";
import styles from "../overview.module.css";
import { pageActor, projectFor } from "../page-data";
import { PhaseSelector } from "../phase-selector";
import { environmentParam, ProjectNav } from "../project-nav";
import own from "./report.module.css";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Report · ${slug}` };
}

const one = (v: string | string[] | undefined) => environmentParam(v) || undefined;

type PhaseList = Awaited<ReturnType<typeof findPhases>>;

/**
 * The period a phase picked with `?phase=` opens on: the one today falls in, else its last once it has ended, else
 * its first. The current phase needs none: the report then defaults to the period of the latest scan.
 */
function openingPeriod(phase: PhaseList["phases"][number]): string | undefined {
  const today = new Date().toISOString().slice(0, 10);
  const now = phase.periods.find((w) => w.start <= today && today <= w.end);
  return (now ?? (phase.status === "done" ? phase.periods.at(-1) : phase.periods[0]))?.id;
}

/**
 * No loading.tsx above this page: the scan ids and period come from the query string and are checked here, so a
 * scan of another program (or an unknown period) must answer a real 404 before anything streams.
 */
export default async function ReportPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const sp = await searchParams;
  const query = {
    environment: one(sp.environment),
    period: one(sp.period),
    from: one(sp.from),
    to: one(sp.to),
  };
  const actor = await pageActor();
  const [project, program] = await Promise.all([projectFor(slug), findPhases(actor, slug)]);
  // Another phase than the current one (`?phase=`, from the selector) reports on one of its periods; a period or
  // two scans given say what to report themselves.
  const requested = program.phases.find((p) => p.id === one(sp.phase));
  if (requested && requested.id !== program.current && !query.period && !query.from) {
    query.period = openingPeriod(requested);
  }
  const environments = project.environments.map((e) => e.name);
  const canEdit = allows(actor, project, "edit");
  const base = `/projects/${project.slug}/report`;
  const report = await orNotFound(
    findReport(actor, slug, query).catch((err: unknown) => {
      if (err instanceof ValidationError) return err;
      throw err;
    }),
    base,
  );
  const environment =
    report instanceof ValidationError ? (query.environment ?? environments[0] ?? "") : report.environment;
  const scans = environment ? await findScans(actor, slug, { environment, summary: false }) : [];

  const header = (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={`/projects/${project.slug}`}>{project.name}</Link> /{" "}
        <span aria-current="page">Report</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>{project.name}: session summary report</h1>
          <p className="muted">
            The summary of a roadmap period or of any two scans, computed from the scans (and the roadmap,
            when the program has one): preview it here, download it as Markdown, PDF, CSV or JSON.
          </p>
        </div>
      </div>
      <ProjectNav
        slug={project.slug}
        current="report"
        environments={environments}
        environment={environment}
      />
    </>
  );
  if (report instanceof ValidationError) {
    return (
      <>
        {header}
        <p role="alert" className="card">
          {report.message}
        </p>
      </>
    );
  }

  // The phase whose periods the picker lists: the reported period's, else the one asked for, else the current.
  const periodId = report.period.kind === "period" ? report.period.id : undefined;
  const shownPhase =
    program.phases.find((p) => p.periods.some((w) => w.id === periodId)) ??
    requested ??
    program.phases.find((p) => p.id === program.current);
  const downloadQuery = new URLSearchParams({ environment: report.environment });
  if (report.period.kind === "period" && report.period.id) downloadQuery.set("period", report.period.id);
  else if (report.scans.before && report.scans.after) {
    downloadQuery.set("from", report.scans.before.id);
    downloadQuery.set("to", report.scans.after.id);
  }
  const previewQuery = new URLSearchParams(downloadQuery);
  previewQuery.set("format", "html");
  return (
    <>
      {header}
      <section className={styles.section} aria-labelledby="report-period">
        <h2 id="report-period">Period</h2>
        {shownPhase ? (
          <PhaseSelector
            phases={program.phases}
            selected={shownPhase.id}
            path={base}
            environment={report.environment}
          />
        ) : null}
        <div className={own.pickers}>
          {!shownPhase ? (
            <p className="muted">
              No roadmap: the report covers two scans (by default the latest two). Import a program file on
              the Roadmap page to report on its periods.
            </p>
          ) : (
            <form action={base} method="get" className={`card ${picker.form}`} aria-label="Roadmap period">
              <input type="hidden" name="environment" value={report.environment} />
              <label>
                <span>Roadmap period</span>
                <select name="period" defaultValue={periodId ?? ""}>
                  {shownPhase.periods.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.label}: {w.title} ({w.start} to {w.end})
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="button button-primary">
                Show
              </button>
            </form>
          )}
          <div>
            <p className="muted">Or between two scans of {report.environment}:</p>
            <ScanPicker
              action={base}
              scans={scans}
              environment={report.environment}
              from={report.period.kind === "scans" ? report.scans.before?.id : undefined}
              to={report.period.kind === "scans" ? report.scans.after?.id : undefined}
            />
          </div>
        </div>
      </section>
      <section className={styles.section} aria-labelledby="report-downloads">
        <h2 id="report-downloads">Download</h2>
        <ReportDownloads slug={project.slug} query={downloadQuery.toString()} />
      </section>
      {report.period.kind === "period" && report.period.id && canEdit ? (
        <section className={styles.section} aria-labelledby="report-notes">
          <h2 id="report-notes">Notes for {report.period.label}</h2>
          <p className="muted">Saved notes, as the report shows them (Markdown):</p>
          <div className={own.notes}>
            <NotesPreview title="Key learnings" markdown={report.notes.keyLearnings} />
            <NotesPreview title="Handoff notes" markdown={report.notes.handoff} />
          </div>
          <PeriodNotesEditor
            slug={project.slug}
            periodId={report.period.id}
            keyLearnings={report.notes.keyLearnings}
            handoff={report.notes.handoff}
          />
        </section>
      ) : null}
      <section className={styles.section} aria-labelledby="report-preview">
        <h2 id="report-preview">Preview</h2>
        {/* The same HTML as the PDF, sandboxed: no scripts, no access to this page; loaded by the browser. */}
        <ReportPreview
          className={own.preview}
          url={`/api/v1/projects/${project.slug}/reports?${previewQuery}`}
          stamp={report.generatedAt}
        />
      </section>
    </>
  );
}
