import Link from "next/link";
import { DataTable } from "@/components/DataTable";
import type { ScanListItem } from "@/lib/server/find-scans";

export const SOURCE_LABEL: Record<string, string> = {
  rampart: "Rampart CLI",
  upload: "Upload",
  polaris: "Polaris",
  kube_score: "kube-score",
  kubescape: "Kubescape",
  sarif: "SARIF",
};

const stamp = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16);

/**
 * The two scans the compare form holds, and the link that makes a row one of them (the other kept): with it each
 * row offers "from" and "to", so any two scans of a long history can be picked page by page, without JavaScript.
 */
export type CompareChoice = {
  from?: string;
  to?: string;
  href: (choice: { from?: string; to?: string }) => string;
};

function CompareCell({ scan, compare }: { scan: ScanListItem; compare: CompareChoice }) {
  const when = stamp(scan.takenAt);
  const end = (side: "from" | "to") =>
    compare[side] === scan.id ? (
      <strong>
        {side}
        <span className="visually-hidden"> (chosen)</span>
      </strong>
    ) : (
      <Link
        href={compare.href({ from: compare.from, to: compare.to, [side]: scan.id })}
        aria-label={`Compare ${side} the scan of ${when}`}
        scroll={false}
      >
        {side}
      </Link>
    );
  return (
    <td>
      {end("from")} · {end("to")}
    </td>
  );
}

/**
 * `basePath` (`/projects/<slug>`) links each row to its scan page; `compare` adds a column that picks the row as the
 * compare form's "from" or "to".
 */
export function ScanHistoryTable({
  scans,
  basePath,
  compare,
}: {
  scans: ScanListItem[];
  basePath?: string;
  compare?: CompareChoice;
}) {
  if (scans.length === 0) return <p className="card muted">No scans yet: upload one or push from the CLI.</p>;
  const columns = ["Taken", "Environment", "Source", "Commit", "Workloads", "File errors", "Message"];
  return (
    <DataTable
      caption="Scans, newest first"
      hideCaption
      columns={compare ? [...columns, "Compare"] : columns}
    >
      {scans.map((scan) => (
        <tr key={scan.id}>
          <td>
            {basePath ? (
              <Link href={`${basePath}/scans/${scan.id}`}>
                <time dateTime={scan.takenAt.toISOString()}>{stamp(scan.takenAt)}</time>
              </Link>
            ) : (
              <time dateTime={scan.takenAt.toISOString()}>{stamp(scan.takenAt)}</time>
            )}
          </td>
          <td>{scan.environment.name}</td>
          <td>
            {SOURCE_LABEL[scan.source] ?? scan.source}
            {scan.partialEvidence && (
              <span className="badge badge-warn" title="SARIF carries failures only: passes are inferred">
                partial evidence
              </span>
            )}
          </td>
          <td>{scan.gitCommit ? <code>{scan.gitCommit.slice(0, 7)}</code> : "–"}</td>
          <td>{scan.workloadCount}</td>
          <td>{scan.errorCount}</td>
          <td>{scan.message ?? ""}</td>
          {compare ? <CompareCell scan={scan} compare={compare} /> : null}
        </tr>
      ))}
    </DataTable>
  );
}
