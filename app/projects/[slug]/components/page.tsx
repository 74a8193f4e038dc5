import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ComponentTable } from "@/components/dashboard/ComponentTable";
import { parseFilters, parsePage } from "@/components/dashboard/component-filters";
import { findComponentPage } from "@/lib/server/component-table";
import { orNotFound } from "@/lib/server/not-found-to-404";
import { pageActor, projectFor } from "../page-data";
import { environmentParam, ProjectNav } from "../project-nav";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Components · ${slug}` };
}

export default async function ComponentsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const requested = environmentParam(query.environment);
  // The table's filters, sort and page live in the URL: only the page's rows are rendered and sent.
  const url = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) url.set(key, first);
  }
  const actor = await pageActor();
  const returnTo = `/projects/${slug}/components`;
  const [project, list] = await Promise.all([
    projectFor(slug),
    orNotFound(
      findComponentPage(actor, slug, {
        environment: requested,
        filters: parseFilters(url),
        page: parsePage(url.get("page")),
      }),
      returnTo,
    ),
  ]);
  const environment = list.environment ?? "";
  const { rows, paging } = list;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={`/projects/${project.slug}`}>{project.name}</Link> /{" "}
        <span aria-current="page">Components</span>
      </nav>
      <h1>Components</h1>
      <ProjectNav
        slug={project.slug}
        current="components"
        environments={list.environments}
        environment={environment}
      />
      {list.scan && paging ? (
        <>
          <p className="muted">
            {paging.total} components of {environment} in the scan of{" "}
            <time dateTime={list.scan.takenAt.toISOString()}>
              {list.scan.takenAt.toISOString().slice(0, 10)}
            </time>
            {list.scan.gitRef ? (
              <>
                {" "}
                (<code>{list.scan.gitRef}</code>)
              </>
            ) : null}
            . Documented exceptions count as waived.
          </p>
          <Suspense fallback={<p className="muted">Loading the filters…</p>}>
            <ComponentTable rows={rows} paging={paging} basePath={`/projects/${project.slug}`} />
          </Suspense>
        </>
      ) : (
        <p className="card muted">
          No scan of {environment || "any environment"} yet: upload one or push from the CLI.
        </p>
      )}
    </>
  );
}
