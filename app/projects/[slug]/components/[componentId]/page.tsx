import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/DataTable";
import { SecurityFeatureBadges, toFeatures } from "@/components/dashboard/SecurityFeatureBadges";
import { Badge, type BadgeTone } from "@/components/dashboard/StatusBadge";
import { allows } from "@/lib/server/actor";
import { findComponentHistory } from "@/lib/server/find-component-history";
import { orNotFound } from "@/lib/server/not-found-to-404";
import styles from "../../overview.module.css";
import { componentFor, pageActor, projectFor } from "../../page-data";

type Props = { params: Promise<{ slug: string; componentId: string }> };

const STATUS: Record<string, { text: string; icon: string; tone: BadgeTone }> = {
  pass: { text: "Pass", icon: "✓", tone: "ok" },
  fail: { text: "Fail", icon: "✗", tone: "bad" },
  waived: { text: "Waived", icon: "⚑", tone: "warn" },
  "n/a": { text: "n/a", icon: "–", tone: "neutral" },
  na: { text: "n/a", icon: "–", tone: "neutral" },
};

function StatusText({ status }: { status: string }) {
  const s = STATUS[status] ?? { text: status, icon: "", tone: "neutral" as const };
  return (
    <Badge tone={s.tone} icon={s.icon}>
      {s.text}
    </Badge>
  );
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Component · ${slug}` };
}

export default async function ComponentPage({ params }: Props) {
  const { slug, componentId } = await params;
  const actor = await pageActor();
  const returnTo = `/projects/${slug}/components/${componentId}`;
  const [project, detail, history] = await Promise.all([
    projectFor(slug),
    componentFor(slug, componentId),
    orNotFound(findComponentHistory(actor, slug, componentId), returnTo),
  ]);
  const { component, workload, controls, exceptions } = detail;
  const failing = controls.filter((c) => c.status === "fail");
  const waived = controls.filter((c) => c.status === "waived");
  const others = controls.filter((c) => c.status !== "fail" && c.status !== "waived");
  const { runs, scanCount } = history;
  const historyControls = [...new Set(runs.flatMap((s) => Object.keys(s.controls)))].sort();
  const changing = historyControls.filter((c) => new Set(runs.map((s) => s.controls[c])).size > 1);
  const listHref = `/projects/${project.slug}/components?environment=${encodeURIComponent(detail.environment)}`;
  const exceptionsHref = `/projects/${project.slug}/exceptions`;
  const canEdit = allows(actor, project, "edit");

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={`/projects/${project.slug}`}>{project.name}</Link> /{" "}
        <Link href={listHref}>Components</Link> / <span aria-current="page">{component.name}</span>
      </nav>
      <h1>{component.name}</h1>
      <p className="muted">
        {component.kind} in namespace <code>{component.namespace}</code> · {component.category} ·{" "}
        {detail.environment}
        {workload ? (
          <>
            {" "}
            · pattern {workload.pattern} ({workload.patternSource}) · PSS {workload.pssLevel} ·{" "}
            {workload.file}:{workload.line}
          </>
        ) : null}
      </p>
      {!detail.inLatestScan ? (
        <p className="alert alert-error">
          This component is not in the latest scan of {detail.environment}: it was removed. Its last results
          are shown.
        </p>
      ) : null}

      {workload ? (
        <section className={styles.section} aria-labelledby="summary-heading">
          <h2 id="summary-heading">
            Latest results (scan of{" "}
            <time dateTime={workload.takenAt.toISOString()}>{day(workload.takenAt)}</time>)
          </h2>
          <div className={styles.detailGrid}>
            <div className="card">
              <p>
                <strong>{failing.length}</strong> failing, <strong>{waived.length}</strong> waived by an
                exception, {others.filter((c) => c.status === "pass").length} passing,{" "}
                {others.filter((c) => c.status === "n/a").length} not applicable.
              </p>
              <SecurityFeatureBadges features={toFeatures(workload.features)} />
            </div>
            <DataTable caption="Containers" columns={["Container", "Type", "Image"]}>
              {workload.containers.map((c) => (
                <tr key={`${c.type}-${c.name}`}>
                  <th scope="row">{c.name}</th>
                  <td>{c.type ?? "container"}</td>
                  <td>
                    <code>{c.image ?? "–"}</code>
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        </section>
      ) : (
        <p className="card muted">No scan has seen this component.</p>
      )}

      {failing.length > 0 || waived.length > 0 ? (
        <section className={styles.section} aria-labelledby="failing-heading">
          <h2 id="failing-heading">Failing and waived controls</h2>
          <ul className={styles.controlList}>
            {[...failing, ...waived].map((c) => (
              <li key={c.controlId} className="card">
                <div className={styles.controlHead}>
                  <h3>{c.title}</h3>
                  <code>{c.controlId}</code>
                  <StatusText status={c.status} />
                  <span className="muted">severity {c.severity}</span>
                </div>
                <p>
                  <strong>Why:</strong> {c.message}
                </p>
                {c.containers.length > 0 ? (
                  <table className="mini-table">
                    <caption className="visually-hidden">Per container: {c.title}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Container</th>
                        <th scope="col">Result</th>
                        <th scope="col">Detail</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.containers.map((r) => (
                        <tr key={r.name}>
                          <th scope="row">{r.name}</th>
                          <td>
                            <StatusText status={r.status} />
                          </td>
                          <td>{r.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
                {c.exception ? (
                  <p>
                    <strong>
                      Exception (
                      {"source" in c.exception && c.exception.source === "stored"
                        ? "stored"
                        : "from the scan's exceptions file"}
                      ):
                    </strong>{" "}
                    {c.exception.justification}
                    {c.exception.owner
                      ? ` (owner ${c.exception.owner}${c.exception.expires ? `, expires ${c.exception.expires}` : ""})`
                      : ""}
                  </p>
                ) : null}
                {c.remediation ? (
                  <details open={c.status === "fail"}>
                    <summary>Remediation</summary>
                    <pre className={styles.remediation}>
                      <code>{c.remediation}</code>
                    </pre>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : workload ? (
        <p className="alert alert-ok">Every applicable control passes.</p>
      ) : null}

      {others.length > 0 ? (
        <section className={styles.section} aria-labelledby="all-heading">
          <h2 id="all-heading">Other controls</h2>
          <DataTable
            caption="Passing and not applicable controls"
            hideCaption
            columns={["Control", "Result", "Detail"]}
          >
            {others.map((c) => (
              <tr key={c.controlId}>
                <th scope="row">
                  {c.title} <code>{c.controlId}</code>
                </th>
                <td>
                  <StatusText status={c.status} />
                </td>
                <td>{c.message}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      <section className={styles.section} aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {scanCount === 0 ? (
          <p className="card muted">No scan has seen this component.</p>
        ) : (
          <>
            <p className="muted">
              {scanCount} {scanCount === 1 ? "scan" : "scans"}, oldest first
              {runs.length < scanCount ? "; consecutive scans with the same results share a row" : ""}.{" "}
              {changing.length > 0
                ? `Controls that changed: ${changing.join(", ")}.`
                : "No control changed status across these scans."}
            </p>
            <DataTable
              caption="Results across scans"
              hideCaption
              columns={["Scan", "Commit", "Pattern", "PSS level", "Failing", "Waived", ...changing]}
            >
              {runs.map((s) => {
                const entries = Object.entries(s.controls);
                const fail = entries.filter(([, v]) => v === "fail").map(([k]) => k);
                const wv = entries.filter(([, v]) => v === "waived").map(([k]) => k);
                return (
                  <tr key={s.scanId}>
                    <th scope="row">
                      <time dateTime={s.takenAt.toISOString()}>{day(s.takenAt)}</time>
                      {s.count > 1 ? (
                        <>
                          {" "}
                          to <time dateTime={s.lastTakenAt.toISOString()}>{day(s.lastTakenAt)}</time> (
                          {s.count} scans)
                        </>
                      ) : null}
                    </th>
                    <td>{s.gitRef ? <code>{s.gitRef}</code> : "–"}</td>
                    <td>{s.pattern}</td>
                    <td>{s.pssLevel}</td>
                    <td className={styles.historyList}>
                      {fail.length ? `${fail.length}: ${fail.join(", ")}` : "0"}
                    </td>
                    <td>{wv.length}</td>
                    {changing.map((c) => (
                      <td key={c}>
                        <StatusText status={s.controls[c] ?? "na"} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </DataTable>
          </>
        )}
      </section>

      <section className={styles.section} aria-labelledby="exceptions-heading">
        <h2 id="exceptions-heading">Exceptions</h2>
        <p className="muted">
          Stored exceptions whose selector covers this component.{" "}
          <Link href={exceptionsHref}>All of the program's exceptions</Link>
          {canEdit ? " (add, edit or revoke them there)" : ""}.
        </p>
        {exceptions.length === 0 ? (
          <p className="card muted">No documented exception applies to this component.</p>
        ) : (
          <DataTable
            caption="Exceptions that apply to this component"
            hideCaption
            columns={["Control", "Justification", "Owner", "Expires", "State"]}
          >
            {exceptions.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Link href={`${exceptionsHref}#exception-${e.id}`}>
                    <code>{e.controlId}</code>
                  </Link>
                </th>
                <td>{e.justification}</td>
                <td>{e.owner}</td>
                <td>{e.expiresAt ? day(e.expiresAt) : "never"}</td>
                <td>
                  {e.active ? (
                    <Badge tone="ok" icon="✓">
                      Active
                    </Badge>
                  ) : (
                    <Badge tone="bad" icon="!">
                      Expired
                    </Badge>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
