import type { Metadata } from "next";
import Link from "next/link";
import { ScanDiffView } from "@/components/dashboard/ScanDiffView";
import { ScanPicker } from "@/components/ScanPicker";
import { ValidationError } from "@/lib/server/errors";
import { findScanDiff } from "@/lib/server/find-scan-diff";
import { findScans } from "@/lib/server/find-scans";
import { orNotFound } from "@/lib/server/not-found-to-404";
import styles from "../../overview.module.css";
import { pageActor, projectFor } from "../../page-data";
import { environmentParam } from "../../project-nav";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ from?: string | string[]; to?: string | string[] }>;
};

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Compare scans · ${slug}` };
}

/** findScanDiff, with two scans of different environments as a message rather than an error page. */
async function diffOrMismatch(...args: Parameters<typeof findScanDiff>) {
  try {
    return { result: await findScanDiff(...args), mismatch: null };
  } catch (err) {
    if (err instanceof ValidationError) return { result: null, mismatch: err };
    throw err;
  }
}

export default async function ScanDiffPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const from = environmentParam(query.from);
  const to = environmentParam(query.to);
  const actor = await pageActor();
  const base = `/projects/${slug}`;
  const project = await projectFor(slug);
  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link href="/">Programs</Link> / <Link href={base}>{project.name}</Link> /{" "}
      <Link href={`${base}/scans`}>Scans</Link> / <span aria-current="page">Compare</span>
    </nav>
  );
  if (!from || !to) {
    return (
      <>
        {breadcrumb}
        <h1>Compare scans</h1>
        <p className="card">
          Pick two scans to compare on the <Link href={`${base}/scans`}>scans page</Link>.
        </p>
      </>
    );
  }
  const returnTo = `${base}/scans/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const [{ result, mismatch }, scans] = await Promise.all([
    orNotFound(diffOrMismatch(actor, slug, from, to), returnTo),
    orNotFound(findScans(actor, slug, { summary: false }), returnTo),
  ]);
  const environmentOf = (id: string) => scans.find((s) => s.id === id)?.environment.name ?? "?";
  if (!result) {
    return (
      <>
        {breadcrumb}
        <h1>Compare scans</h1>
        <p className="card" role="alert">
          These two scans are of different environments ({environmentOf(from)} and {environmentOf(to)}): a
          comparison only makes sense between two scans of the same environment. Pick two scans of one
          environment on the <Link href={`${base}/scans`}>scans page</Link>.
          {mismatch ? <span className="visually-hidden"> ({mismatch.message})</span> : null}
        </p>
      </>
    );
  }
  const { from: before, to: after, diff } = result;
  const environment = after.environment.name;
  return (
    <>
      {breadcrumb}
      <h1>
        Compare scans of {environment}: {day(before.takenAt)} → {day(after.takenAt)}
      </h1>
      <dl className={styles.scanFacts}>
        <div>
          <dt>From</dt>
          <dd>
            <Link href={`${base}/scans/${before.id}`}>the {day(before.takenAt)} scan</Link>
            {before.gitRef ? (
              <>
                {" "}
                <code>{before.gitRef}</code>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>To</dt>
          <dd>
            <Link href={`${base}/scans/${after.id}`}>the {day(after.takenAt)} scan</Link>
            {after.gitRef ? (
              <>
                {" "}
                <code>{after.gitRef}</code>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Environment</dt>
          <dd>
            <Link href={`${base}/scans?environment=${encodeURIComponent(environment)}`}>
              other scans of {environment}
            </Link>
          </dd>
        </div>
      </dl>
      {after.takenAt < before.takenAt ? (
        <p className="card muted">
          “From” is the later scan: the changes read backwards (what a fix looks like from the newer scan).
        </p>
      ) : null}
      <ScanDiffView
        diff={diff}
        beforeLabel={`the ${day(before.takenAt)} scan`}
        afterLabel={`the ${day(after.takenAt)} scan`}
      />
      <section className={styles.section} aria-labelledby="compare-heading">
        <h2 id="compare-heading">Compare two other scans of {environment}</h2>
        <ScanPicker
          action={`${base}/scans/diff`}
          scans={scans.filter((s) => s.environment.name === environment)}
          environment={environment}
          from={before.id}
          to={after.id}
        />
      </section>
    </>
  );
}
