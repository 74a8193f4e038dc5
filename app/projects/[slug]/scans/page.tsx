import type { Metadata } from "next";
import Link from "next/link";
import { ScanHistoryTable } from "@/components/ScanHistoryTable";
import { ScanPicker } from "@/components/ScanPicker";
import { findScanPage, parseScanPage, type ScanListItem } from "@/lib/server/find-scans";
import { orNotFound } from "@/lib/server/not-found-to-404";
import styles from "../overview.module.css";
import own from "./scans.module.css";
import { pageActor, projectFor } from "../page-data";
import { environmentParam, ProjectNav } from "../project-nav";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<"environment" | "page" | "from" | "to", string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Scans · ${slug}` };
}

type View = { environment: string; page: number; from?: string; to?: string };

/** The scans page's URL for a view: the environment, the page (left out on the first) and the compare choice. */
function viewHref(base: string, view: View): string {
  const query = new URLSearchParams({ environment: view.environment });
  if (view.page > 1) query.set("page", String(view.page));
  if (view.from) query.set("from", view.from);
  if (view.to) query.set("to", view.to);
  return `${base}/scans?${query}`;
}

/** Previous / next (newer / older scans), first and last, and where this page stands: "Page 2 of 8". */
function ScanPages({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const link = (to: number, label: string, rel?: string) =>
    to >= 1 && to <= pageCount && to !== page ? (
      <Link href={href(to)} rel={rel}>
        {label}
      </Link>
    ) : (
      <span className="muted">{label}</span>
    );
  return (
    <nav aria-label="Pages of scans" className={own.pages}>
      {link(1, "Newest")}
      {link(page - 1, "Previous", "prev")}
      <span aria-current="page">
        Page {page} of {pageCount}
      </span>
      {link(page + 1, "Next", "next")}
      {link(pageCount, "Oldest")}
    </nav>
  );
}

export default async function ScansPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const from = environmentParam(query.from);
  const to = environmentParam(query.to);
  const actor = await pageActor();
  const [project, list] = await Promise.all([
    projectFor(slug),
    orNotFound(
      findScanPage(actor, slug, {
        environment: environmentParam(query.environment),
        page: parseScanPage(environmentParam(query.page)),
        pick: [from, to].filter((id): id is string => Boolean(id)),
      }),
      `/projects/${slug}/scans`,
    ),
  ]);
  const environment = list.environment ?? "";
  const base = `/projects/${project.slug}`;
  // The compare form offers this page's scans and the chosen ones (or the default, the latest two) wherever they
  // are in the history: never the whole history.
  const known = new Map<string, ScanListItem>([...list.picks, ...list.scans].map((s) => [s.id, s]));
  const chosen = {
    from: from && known.has(from) ? from : list.picks[1]?.id,
    to: to && known.has(to) ? to : list.picks[0]?.id,
  };
  const pickable = [...known.values()].sort(
    (a, b) => b.takenAt.getTime() - a.takenAt.getTime() || (a.id < b.id ? 1 : -1),
  );
  const compareHref = (choice: { from?: string; to?: string }) =>
    viewHref(base, { environment, page: list.page, ...choice });
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={base}>{project.name}</Link> /{" "}
        <span aria-current="page">Scans</span>
      </nav>
      <h1>Scans</h1>
      <ProjectNav
        slug={project.slug}
        current="scans"
        environments={list.environments}
        environment={environment}
      />
      {list.total === 0 ? (
        <p className="card muted">No scans yet: upload one or push from the CLI.</p>
      ) : (
        <>
          <section className={styles.section} aria-labelledby="compare-heading">
            <h2 id="compare-heading">Compare two scans of {environment}</h2>
            <ScanPicker
              key={`${chosen.from}-${chosen.to}`}
              action={`${base}/scans/diff`}
              scans={pickable}
              environment={environment}
              from={chosen.from}
              to={chosen.to}
            />
            {list.pageCount > 1 ? (
              <p className="muted">
                The lists offer this page&apos;s scans and the chosen ones: pick others with “from” and “to”
                in the history below, on any page.
              </p>
            ) : null}
          </section>
          <section className={styles.section} aria-labelledby="history-heading">
            <h2 id="history-heading">
              Scan history ({environment}, {list.total})
            </h2>
            <p className="muted">
              {list.pageCount > 1
                ? `Scans ${(list.page - 1) * list.size + 1}–${(list.page - 1) * list.size + list.scans.length} of ${list.total}, newest first (page ${list.page} of ${list.pageCount}).`
                : `${list.total} ${list.total === 1 ? "scan" : "scans"}, newest first.`}
            </p>
            <ScanHistoryTable scans={list.scans} basePath={base} compare={{ ...chosen, href: compareHref }} />
            <ScanPages
              page={list.page}
              pageCount={list.pageCount}
              href={(page) => viewHref(base, { environment, page, from, to })}
            />
          </section>
        </>
      )}
    </>
  );
}
