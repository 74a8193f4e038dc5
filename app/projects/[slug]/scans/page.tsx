import type { Metadata } from "next";
import Link from "next/link";
import { ScanHistoryTable } from "@/components/ScanHistoryTable";
import { ScanPicker } from "@/components/ScanPicker";
import { findScans } from "@/lib/server/find-scans";
import { orNotFound } from "@/lib/server/not-found-to-404";
import styles from "../overview.module.css";
import { pageActor, projectFor } from "../page-data";
import { environmentParam, ProjectNav } from "../project-nav";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ environment?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Scans · ${slug}` };
}

export default async function ScansPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const requested = environmentParam((await searchParams).environment);
  const actor = await pageActor();
  const [project, all] = await Promise.all([
    projectFor(slug),
    orNotFound(findScans(actor, slug, { summary: false }), `/projects/${slug}/scans`),
  ]);
  const environments = [...new Set(all.map((s) => s.environment.name))].sort();
  const environment =
    requested && environments.includes(requested)
      ? requested
      : environments.includes("production")
        ? "production"
        : (environments[0] ?? "");
  const scans = all.filter((s) => s.environment.name === environment);
  const base = `/projects/${project.slug}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={base}>{project.name}</Link> /{" "}
        <span aria-current="page">Scans</span>
      </nav>
      <h1>Scans</h1>
      <ProjectNav slug={project.slug} current="scans" environments={environments} environment={environment} />
      {all.length === 0 ? (
        <p className="card muted">No scans yet: upload one or push from the CLI.</p>
      ) : (
        <>
          <section className={styles.section} aria-labelledby="compare-heading">
            <h2 id="compare-heading">Compare two scans of {environment}</h2>
            <ScanPicker action={`${base}/scans/diff`} scans={scans} environment={environment} />
          </section>
          <section className={styles.section} aria-labelledby="history-heading">
            <h2 id="history-heading">
              Scan history ({environment}, {scans.length})
            </h2>
            <ScanHistoryTable scans={scans} basePath={base} />
          </section>
        </>
      )}
    </>
  );
}
