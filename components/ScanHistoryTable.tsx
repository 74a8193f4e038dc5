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

/** `basePath` (`/projects/<slug>`) links each row to its scan page. */
export function ScanHistoryTable({ scans, basePath }: { scans: ScanListItem[]; basePath?: string }) {
  if (scans.length === 0) return <p className="card muted">No scans yet: upload one or push from the CLI.</p>;
  return (
    <DataTable
      caption="Scans, newest first"
      hideCaption
      columns={["Taken", "Environment", "Source", "Commit", "Workloads", "File errors", "Message"]}
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
        </tr>
      ))}
    </DataTable>
  );
}
