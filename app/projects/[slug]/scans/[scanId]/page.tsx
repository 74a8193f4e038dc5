import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/DataTable";
import { DeleteScan } from "@/components/DeleteScan";
import dashboard from "@/components/dashboard/Dashboard.module.css";
import { Badge } from "@/components/dashboard/StatusBadge";
import { SOURCE_LABEL } from "@/components/ScanHistoryTable";
import { CONTROLS_BY_ID, type ScanIssue } from "@/lib/scanner";
import { allows } from "@/lib/server/actor";
import styles from "../../overview.module.css";
import { pageActor, projectFor, scanFor } from "../../page-data";

type Props = { params: Promise<{ slug: string; scanId: string }> };

/** Other objects shown on the page (the API lists them all). */
const RESOURCE_ROWS = 200;

const stamp = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Scan · ${slug}` };
}

function IssueTable({ issues, caption }: { issues: readonly ScanIssue[]; caption: string }) {
  if (issues.length === 0) return <p className="muted">None.</p>;
  return (
    <DataTable caption={caption} hideCaption columns={["File", "Document", "Message"]}>
      {issues.map((issue, i) => (
        // Issues have no id; file, document and position in the sorted list identify one.
        // biome-ignore lint/suspicious/noArrayIndexKey: stored list, never reordered
        <tr key={`${issue.file}:${issue.document}:${i}`}>
          <td>
            <code>
              {issue.file}
              {issue.line ? `:${issue.line}` : ""}
            </code>
          </td>
          <td className={dashboard.numeric}>{issue.document}</td>
          <td>{issue.message}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export default async function ScanPage({ params }: Props) {
  const { slug, scanId } = await params;
  const base = `/projects/${slug}`;
  const [project, scan, actor] = await Promise.all([projectFor(slug), scanFor(slug, scanId), pageActor()]);
  const controls = Object.entries(scan.summary?.controls ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const environmentQuery = `?environment=${encodeURIComponent(scan.environment.name)}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={base}>{project.name}</Link> /{" "}
        <Link href={`${base}/scans${environmentQuery}`}>Scans</Link> /{" "}
        <span aria-current="page">{scan.takenAt.toISOString().slice(0, 10)}</span>
      </nav>
      <h1>
        Scan of {scan.environment.name}, {scan.takenAt.toISOString().slice(0, 10)}
        {scan.partialEvidence ? (
          <>
            {" "}
            <span className="badge badge-warn" title="SARIF carries failures only: passes are inferred">
              partial evidence
            </span>
          </>
        ) : null}
      </h1>

      <dl className={styles.scanFacts}>
        <div>
          <dt>Taken</dt>
          <dd>
            <time dateTime={scan.takenAt.toISOString()}>{stamp(scan.takenAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Environment</dt>
          <dd>{scan.environment.name}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{SOURCE_LABEL[scan.source] ?? scan.source}</dd>
        </div>
        <div>
          <dt>Tool</dt>
          <dd>
            {scan.tool} {scan.toolVersion}
          </dd>
        </div>
        <div>
          <dt>Git ref</dt>
          <dd>{scan.gitRef ? <code>{scan.gitRef}</code> : "–"}</dd>
        </div>
        <div>
          <dt>Commit</dt>
          <dd>{scan.gitCommit ? <code>{scan.gitCommit}</code> : "–"}</dd>
        </div>
        <div>
          <dt>Workloads</dt>
          <dd>{scan.workloadCount}</dd>
        </div>
        <div>
          <dt>Uploaded</dt>
          <dd>
            <time dateTime={scan.createdAt.toISOString()}>{stamp(scan.createdAt)}</time>
          </dd>
        </div>
      </dl>
      {scan.message ? <p>{scan.message}</p> : null}

      <section className={styles.section} aria-labelledby="controls-heading">
        <h2 id="controls-heading">Controls</h2>
        <p className="muted">
          Status counts per control as the scanner summarised them; the workload counts below are the stored
          results, with documented exceptions applied.
        </p>
        {controls.length === 0 ? (
          <p className="muted">No control summary stored.</p>
        ) : (
          <DataTable
            caption="Status counts per control"
            hideCaption
            columns={["Control", "Pass", "Fail", "Waived", "n/a"]}
            numeric={[1, 2, 3, 4]}
          >
            {controls.map(([id, c]) => (
              <tr key={id}>
                <th scope="row">
                  <code>{id}</code>
                  {CONTROLS_BY_ID.get(id) ? (
                    <span className="muted"> {CONTROLS_BY_ID.get(id)?.title}</span>
                  ) : scan.customControls[id] ? (
                    <span className="muted">
                      {" "}
                      {scan.customControls[id].title} ({scan.customControls[id].severity},{" "}
                      {scan.customControls[id].category})
                    </span>
                  ) : null}
                </th>
                <td className={dashboard.numeric}>{c.pass}</td>
                <td className={dashboard.numeric}>{c.fail > 0 ? <strong>{c.fail}</strong> : c.fail}</td>
                <td className={dashboard.numeric}>{c.waived}</td>
                <td className={dashboard.numeric}>{c["n/a"]}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section className={styles.section} aria-labelledby="workloads-heading">
        <h2 id="workloads-heading">Workloads ({scan.workloads.length})</h2>
        <p className="muted">
          Control results as stored at ingest (exceptions applied), most failures first.
        </p>
        <DataTable
          caption="Workloads of the scan"
          hideCaption
          columns={["Workload", "Category", "File", "Pass", "Fail", "Waived"]}
          numeric={[3, 4, 5]}
        >
          {scan.workloads.map((w) => (
            <tr key={w.componentId}>
              <th scope="row">
                <Link href={`${base}/components/${w.componentId}`}>
                  {w.kind} {w.namespace}/{w.name}
                </Link>
              </th>
              <td>{w.category}</td>
              <td>
                <code>{w.file}</code>
              </td>
              <td className={dashboard.numeric}>{w.pass}</td>
              <FailCount count={w.fail} />
              <td className={dashboard.numeric}>{w.waived}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      {scan.resources.length > 0 ? (
        <section className={styles.section} aria-labelledby="resources-heading">
          <h2 id="resources-heading">Other objects ({scan.resources.length})</h2>
          <p className="muted">
            Objects that are not workloads, with the results of custom controls (policies, tools&apos; own
            rules) on them, most failures first
            {scan.resources.length > RESOURCE_ROWS ? `; the first ${RESOURCE_ROWS}` : ""}.
          </p>
          <DataTable
            caption="Other objects of the scan"
            hideCaption
            columns={["Object", "Pass", "Fail", "Waived", "n/a", "Not passing"]}
            numeric={[1, 2, 3, 4]}
          >
            {scan.resources.slice(0, RESOURCE_ROWS).map((r) => (
              <tr key={r.componentId}>
                <th scope="row">
                  {r.kind} {r.namespace ? `${r.namespace}/` : ""}
                  {r.name}
                </th>
                <td className={dashboard.numeric}>{r.pass}</td>
                <FailCount count={r.fail} />
                <td className={dashboard.numeric}>{r.waived}</td>
                <td className={dashboard.numeric}>{r.na}</td>
                <td>
                  {r.results.length === 0
                    ? "–"
                    : r.results.map((x) => (
                        <div key={x.control}>
                          <code>{x.control}</code> {x.status === "na" ? "n/a" : x.status}: {x.message}
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      <section className={styles.section} aria-labelledby="errors-heading">
        <h2 id="errors-heading">File errors ({scan.errors.length})</h2>
        <IssueTable issues={scan.errors} caption="File errors" />
      </section>

      <section className={styles.section} aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes ({scan.notes.length})</h2>
        <IssueTable issues={scan.notes} caption="Notes" />
      </section>

      <section className={styles.section} aria-labelledby="other-heading">
        <h2 id="other-heading">Other findings ({scan.otherFindings.length})</h2>
        {scan.otherFindings.length === 0 ? (
          <p className="muted">
            None: imported tools' findings that map to no Rampart control are listed here (of policy reports,
            only those about no object).
          </p>
        ) : (
          <DataTable
            caption="Other findings of imported tools"
            hideCaption
            columns={["Tool", "Check", "Status", "Object", "Message"]}
          >
            {scan.otherFindings.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: stored list, never reordered
              <tr key={`${f.tool}:${f.checkId}:${i}`}>
                <td>{f.tool}</td>
                <td>
                  <code>{f.checkId}</code> {f.title}
                  {f.severity || f.category ? (
                    <span className="muted"> ({[f.severity, f.category].filter(Boolean).join(", ")})</span>
                  ) : null}
                </td>
                <td>{f.status}</td>
                <td>
                  {f.kind || f.name
                    ? `${f.kind ?? ""} ${f.namespace ? `${f.namespace}/` : ""}${f.name ?? ""}`.trim()
                    : "–"}
                  {f.file ? (
                    <>
                      {" "}
                      <code>{f.file}</code>
                    </>
                  ) : null}
                </td>
                <td>{f.message}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {allows(actor, project, "admin") ? (
        <DeleteScan
          slug={slug}
          scanId={scan.id}
          label={`the scan of ${scan.environment.name} taken ${stamp(scan.takenAt)}`}
          historyHref={`${base}/scans${environmentQuery}`}
        />
      ) : null}
    </>
  );
}

/** A failure count cell: a badge when something fails, a plain 0 otherwise. */
function FailCount({ count }: { count: number }) {
  return (
    <td className={dashboard.numeric}>
      {count > 0 ? (
        <Badge tone="bad" icon="✗">
          {count}
        </Badge>
      ) : (
        0
      )}
    </td>
  );
}
