import type { Metadata } from "next";
import Link from "next/link";
import { ScanHistoryTable } from "@/components/ScanHistoryTable";
import { findProject } from "@/lib/server/find-project";
import { findScans } from "@/lib/server/find-scans";
import { orNotFound } from "@/lib/server/not-found-to-404";
import { getPageActor } from "@/lib/server/page-actor";

const actorIsInstanceAdmin = (actor: Awaited<ReturnType<typeof getPageActor>>) =>
  actor.kind === "user" && actor.instanceAdmin;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: slug };
}

export default async function ProjectPage({ params }: Props) {
  const { slug } = await params;
  const actor = await getPageActor();
  const [project, scans] = await Promise.all([
    orNotFound(findProject(actor, slug), `/projects/${slug}`),
    orNotFound(findScans(actor, slug), `/projects/${slug}`),
  ]);
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
        <div className="page-actions">
          {project.role === "admin" || actorIsInstanceAdmin(actor) ? (
            <Link href={`/projects/${project.slug}/settings`} className="button">
              Settings
            </Link>
          ) : null}
          <Link href={`/projects/${project.slug}/upload`} className="button button-primary">
            Upload a scan
          </Link>
        </div>
      </div>
      <h2>Scan history</h2>
      <ScanHistoryTable scans={scans} />
    </>
  );
}
