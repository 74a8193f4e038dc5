import { TableScroll } from "@/components/TableScroll";
import type { PhaseProgress } from "@/lib/metrics";
import { formatPercent } from "@/lib/metrics/format";
import styles from "./Dashboard.module.css";
import { StatusBadge } from "./StatusBadge";
import own from "./WorkStreamProgress.module.css";

export type WorkStreamProgressProps = {
  /** computePhaseProgress(phase, scans, state) or computePhaseFigures(...).progress. */
  progress: PhaseProgress | null | undefined;
  /** "Phase 2" in the caption and overall row. */
  phaseName?: string;
};

function Bar({ value, label }: { value: number; label: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 1000) / 10;
  return (
    <div className={own.barRow}>
      <div
        className={styles.bar}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={formatPercent(value)}
      >
        <div className={`${styles.barFill} ${own.barFill}`} style={{ width: `${pct}%` }} />
      </div>
      <span className={own.percent}>{formatPercent(value)}</span>
    </div>
  );
}

/** Progress bars per work stream with where each figure comes from, and the weighted overall phase progress. */
export function WorkStreamProgress({ progress, phaseName = "Phase" }: WorkStreamProgressProps) {
  if (!progress || progress.workStreams.length === 0) {
    return <p className={`card muted ${styles.empty}`}>No work streams defined for this phase.</p>;
  }
  // Each stream is judged against its own planned weeks (a plan is there when the figures have a date).
  const planned = progress.workStreams.some((w) => w.plan);
  return (
    <TableScroll>
      <table className="data-table">
        <caption>
          <strong>Overall {phaseName} progress</strong>
        </caption>
        <thead>
          <tr>
            <th scope="col">Work stream</th>
            <th scope="col" className={own.barCell}>
              Progress
            </th>
            <th scope="col" className={styles.numeric}>
              Weight
            </th>
            <th scope="col">Source</th>
            {planned ? <th scope="col">Against its plan</th> : null}
          </tr>
        </thead>
        <tbody>
          {progress.workStreams.map((ws) => (
            <tr key={ws.id}>
              <th scope="row">{ws.name}</th>
              <td>
                <Bar value={ws.progress} label={`${ws.name} progress`} />
              </td>
              <td className={styles.numeric}>{ws.weight}</td>
              <td className="muted">{ws.label}</td>
              {planned ? (
                <td>
                  {ws.plan ? (
                    <>
                      <StatusBadge status={ws.plan.status} />{" "}
                      <span className="muted">
                        {formatPercent(ws.plan.due)} due (planned {ws.plan.window.start} –{" "}
                        {ws.plan.window.end})
                      </span>
                    </>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={own.overall}>
            <th scope="row">Overall {phaseName}</th>
            <td>
              <Bar value={progress.overall} label={`Overall ${phaseName} progress`} />
            </td>
            <td className={styles.numeric}>{progress.totalWeight}</td>
            <td className="muted">{progress.explanation}</td>
            {planned ? <td /> : null}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
