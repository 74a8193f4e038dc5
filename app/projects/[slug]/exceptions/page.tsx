import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/DataTable";
import { ExceptionManager } from "@/components/exceptions/ExceptionManager";
import { ExpiryBadge, selectorText } from "@/components/exceptions/expiry";
import { controls } from "@/lib/scanner";
import { allows } from "@/lib/server/actor";
import { findCustomControls } from "@/lib/server/find-custom-controls";
import { findExceptions } from "@/lib/server/find-exceptions";
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
  return { title: `Exceptions · ${slug}` };
}

const CONTROL_OPTIONS = controls.map((c) => ({ id: c.id, title: c.title }));

export default async function ExceptionsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const requested = environmentParam((await searchParams).environment);
  const actor = await pageActor();
  const [project, data, customControls] = await Promise.all([
    projectFor(slug),
    orNotFound(findExceptions(actor, slug), `/projects/${slug}/exceptions`),
    orNotFound(findCustomControls(actor, slug), `/projects/${slug}/exceptions`),
  ]);
  const canEdit = allows(actor, project, "edit");
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={`/projects/${project.slug}`}>{project.name}</Link> /{" "}
        <span aria-current="page">Exceptions</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>{project.name}: exceptions</h1>
          <p className="muted">
            A documented exception waives one control for the components it selects, with a justification, an
            owner and an expiry. Waived controls count as exceptions, not failures, in every figure.
          </p>
        </div>
      </div>
      <ProjectNav
        slug={project.slug}
        current="exceptions"
        environments={[]}
        environment={requested ?? "production"}
      />
      <section className={styles.section} aria-labelledby="stored-heading">
        <h2 id="stored-heading">Stored exceptions</h2>
        <p className="muted">
          Kept in Rampart: added here or through the API, or imported with the program (the demo's come from{" "}
          <code>examples/maestro/exceptions.yaml</code>). They apply at once to the current view of the latest
          scans and at the ingest of later ones; revoked or expired, they stop waiving. Stored scans keep the
          waivers they recorded.
        </p>
        <ExceptionManager
          slug={project.slug}
          items={data.stored}
          canEdit={canEdit}
          controls={[...CONTROL_OPTIONS, ...customControls.map((id) => ({ id, title: id }))]}
          environments={data.environments}
          expiringWithinDays={data.expiringWithinDays}
        />
      </section>
      <section className={styles.section} aria-labelledby="file-heading">
        <h2 id="file-heading">From the scans' exceptions files</h2>
        <p className="muted">
          Waivers that the latest scan of an environment recorded from its own exceptions file (
          <code>rampart scan --exceptions FILE</code>), expired ones included. They live in that file: change
          them there, and the next scan records the change.
        </p>
        {data.fromScans.length === 0 ? (
          <p className="card muted">The latest scans carry no exceptions file.</p>
        ) : (
          <DataTable
            caption="Exceptions recorded by the latest scans"
            hideCaption
            columns={["Control", "Applies to", "Justification", "Owner", "Expires", "Components", "Source"]}
          >
            {data.fromScans.map((f) => (
              <tr key={f.key} data-state={f.state}>
                <th scope="row">
                  {f.controlTitle}
                  <br />
                  <code>{f.control}</code>
                </th>
                <td>{selectorText(f.selector ?? {})}</td>
                <td>{f.justification}</td>
                <td>{f.owner}</td>
                <td>
                  {f.expires ?? "never"}
                  <br />
                  <ExpiryBadge state={f.state} daysLeft={f.daysLeft} />
                </td>
                <td>
                  {f.components.map((c, i) => (
                    <span key={c.componentId}>
                      {i > 0 ? ", " : ""}
                      <Link href={`/projects/${project.slug}/components/${c.componentId}`}>{c.name}</Link>
                      {c.status === "fail" ? " (failing)" : ""}
                    </span>
                  ))}
                </td>
                <td className="muted">
                  Exceptions file of the{" "}
                  <Link href={`/projects/${project.slug}/scans/${f.scanId}`}>
                    {f.environment} scan of {f.takenAt.slice(0, 10)}
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
