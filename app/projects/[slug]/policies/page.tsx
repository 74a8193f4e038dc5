import type { Metadata } from "next";
import Link from "next/link";
import { ControlTrendChart } from "@/components/dashboard/LazyCharts";
import { DataTable } from "@/components/DataTable";
import { PolicySetEditor } from "@/components/policies/PolicySetEditor";
import { formatPercent } from "@/lib/metrics/format";
import { allows } from "@/lib/server/actor";
import { findPolicyOverview } from "@/lib/server/find-policy-overview";
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
  return { title: `Policies · ${slug}` };
}

export default async function PoliciesPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const requested = environmentParam((await searchParams).environment);
  const actor = await pageActor();
  const [project, overview] = await Promise.all([
    projectFor(slug),
    orNotFound(findPolicyOverview(actor, slug), `/projects/${slug}/policies`),
  ]);
  const canEdit = allows(actor, project, "edit");
  const { environments } = overview;
  const environment =
    requested && environments.includes(requested)
      ? requested
      : environments.includes("production")
        ? "production"
        : (environments[0] ?? "production");
  const points = overview.history.filter((h) => h.environment === environment);
  const latest = points.at(-1);
  const base = `/projects/${project.slug}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={base}>{project.name}</Link> /{" "}
        <span aria-current="page">Policies</span>
      </nav>
      <div className="page-header">
        <div>
          <h1>{project.name}: policies</h1>
          <p className="muted">
            The team&apos;s own rules as ValidatingAdmissionPolicies. Each one is a control{" "}
            <code>vap:&lt;name&gt;</code>, evaluated on every scanned object like the built-in controls: it
            shows in the components table, takes exceptions, and can be an automatic exit criterion.
          </p>
        </div>
      </div>
      <ProjectNav
        slug={project.slug}
        current="policies"
        environments={environments}
        environment={environment}
      />
      <section className={styles.section} aria-labelledby="policies-heading">
        <h2 id="policies-heading">Policies ({overview.policies.length})</h2>
        {overview.policies.length === 0 ? (
          <p className="card muted">
            No policy yet. Add a ValidatingAdmissionPolicy with its binding to the stored policy set below,
            keep them in the manifests you scan, or pass <code>--policies DIR</code> to{" "}
            <code>rampart scan</code>: the next scan evaluates them and their pass rates appear here.
          </p>
        ) : (
          <DataTable
            caption="Policies of the program: where each comes from, its validation actions, bindings and text hash"
            hideCaption
            columns={[
              "Policy",
              "Comes from",
              "Validation actions",
              "Bindings",
              "Text hash",
              `Passing (${environment})`,
            ]}
            numeric={[5]}
          >
            {overview.policies.map((p) => {
              const scanned = p.scanned.find((s) => s.environment === environment) ?? p.scanned[0];
              const rate = latest?.rates.find((r) => r.control === p.control);
              return (
                <tr key={p.name}>
                  <th scope="row">
                    {p.name}
                    <br />
                    <code>{p.control}</code>
                  </th>
                  <td>
                    {[
                      ...(p.storedIn ? [`stored: ${p.storedIn}`] : []),
                      ...p.scanned.map((s) => `scanned (${s.environment}): ${s.source}`),
                    ].map((line, i) => (
                      <span key={line}>
                        {i > 0 ? <br /> : null}
                        {line}
                      </span>
                    ))}
                  </td>
                  <td>
                    {(
                      scanned?.validationActions ?? [
                        ...new Set(p.storedBindings.flatMap((b) => b.validationActions)),
                      ]
                    ).join(", ") || "none"}
                  </td>
                  <td>
                    {(scanned?.bindings ?? p.storedBindings.map((b) => b.name)).join(", ") ||
                      "none (not evaluated)"}
                  </td>
                  <td>
                    {scanned ? (
                      <code title={scanned.hash}>{scanned.hash.slice(0, 19)}…</code>
                    ) : (
                      "not scanned yet"
                    )}
                  </td>
                  <td>
                    {rate
                      ? `${formatPercent(rate.metRate)} (${rate.pass + rate.waived} of ${rate.pass + rate.waived + rate.fail})`
                      : "no result"}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
        {overview.policies.length > 0 ? (
          <ControlTrendChart
            points={points}
            controls={overview.policies.map((p) => ({ control: p.control, label: p.name }))}
            measure="metRate"
            title={`Policy pass rate over time (${environment})`}
          />
        ) : null}
      </section>
      <section className={styles.section} aria-labelledby="stored-heading">
        <h2 id="stored-heading">Stored policy set</h2>
        <p className="muted">
          Kept with the program and applied to manifests uploaded here. Each entry holds a
          ValidatingAdmissionPolicy with its bindings and parameter objects.
        </p>
        <PolicySetEditor slug={project.slug} entries={overview.entries} canEdit={canEdit} />
      </section>
    </>
  );
}
