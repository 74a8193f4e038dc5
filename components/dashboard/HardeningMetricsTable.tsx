import { TableScroll } from "@/components/TableScroll";
import type { HardeningMetricRow } from "@/lib/metrics";
import { formatPercent } from "@/lib/metrics/format";
import styles from "./Dashboard.module.css";
import { StatusBadge } from "./StatusBadge";

export type HardeningMetricsTableProps = {
  /** computeHardeningMetrics(...) or computePhaseFigures(...).metrics, in the program's order. */
  rows: readonly HardeningMetricRow[];
  caption?: string;
};

/** The note shown beside the status: "(1 exception: promtail)", n/a counts, failing counts, fixed targets. */
export function metricNote(row: HardeningMetricRow): string {
  return row.note ? `(${row.note})` : "";
}

/** The seed's "Kubernetes Hardening" table: Metric | Target | Achieved | % Complete | Status. */
export function HardeningMetricsTable({
  rows,
  caption = "Kubernetes Hardening",
}: HardeningMetricsTableProps) {
  if (rows.length === 0) {
    return (
      <p className={`card muted ${styles.empty}`}>
        No hardening metrics defined for this phase: add <code>metrics</code> to the program file.
      </p>
    );
  }
  return (
    <TableScroll>
      <table className="data-table">
        <caption>
          <strong>{caption}</strong>
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className={styles.numeric}>
              Target
            </th>
            <th scope="col" className={styles.numeric}>
              Achieved
            </th>
            <th scope="col" className={styles.numeric}>
              % Complete
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                {row.label}
                <div className="muted">
                  <small>
                    {row.environment}
                    {row.targetSource === "all-applicable" ? ", target: all applicable components" : ""}
                  </small>
                </div>
              </th>
              <td className={styles.numeric}>
                {row.scanned || row.targetSource === "fixed" ? row.target : "–"}
              </td>
              <td className={styles.numeric}>{row.scanned ? row.achieved : "–"}</td>
              <td className={styles.numeric}>{formatPercent(row.ratio)}</td>
              <td>
                <StatusBadge status={row.status} /> {metricNote(row)}
                {row.waived.some((w) => w.justification) && (
                  <ul className="muted">
                    {row.waived
                      .filter((w) => w.justification)
                      .map((w) => (
                        <li key={`${w.ref.kind}/${w.ref.namespace}/${w.ref.name}`}>
                          <small>
                            Exception {w.component}: {w.justification}
                          </small>
                        </li>
                      ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
