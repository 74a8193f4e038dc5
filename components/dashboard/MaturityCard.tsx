import { useId } from "react";
import type { MaturityResult } from "@/lib/metrics";
import { formatPercent } from "@/lib/metrics/format";
import styles from "./MaturityCard.module.css";

export type MaturityCardProps = {
  /** computeMaturity(program.maturity, progress.overall, phase.name) or computePhaseFigures(...).maturity. */
  maturity: MaturityResult | null | undefined;
  title?: string;
  /** program.maturity.note (where the baseline comes from). */
  note?: string;
};

const pct = (r: number) => formatPercent(r, Number.isInteger(Math.round(r * 1000) / 10) ? 0 : 1);

/** Baseline → current → target with a bar on a 0–100% scale and the explanation of how it is computed. */
export function MaturityCard({ maturity, title = "Maturity", note }: MaturityCardProps) {
  const headingId = useId();
  if (!maturity) {
    return (
      <section className="card" aria-label={title}>
        <h2>{title}</h2>
        <p className="muted">Maturity is not computed yet: no phase progress.</p>
      </section>
    );
  }
  const { baseline, value, target } = maturity;
  const gained = Math.max(0, value - baseline);
  const toGo = Math.max(0, target - value);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ol className={styles.steps} aria-label="Baseline, current and target maturity">
        <li>
          <span className={styles.value}>{pct(baseline)}</span> <span className="muted">baseline</span>
        </li>
        <li aria-hidden="true" className={styles.arrow}>
          →
        </li>
        <li className={styles.current}>
          <span className={styles.value}>{pct(value)}</span> <span className="muted">current</span>
        </li>
        <li aria-hidden="true" className={styles.arrow}>
          →
        </li>
        <li>
          <span className={styles.value}>{pct(target)}</span> <span className="muted">target</span>
        </li>
      </ol>
      <div
        className={styles.track}
        role="progressbar"
        aria-label="Maturity"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(value * 1000) / 10}
        aria-valuetext={`${pct(value)} (baseline ${pct(baseline)}, target ${pct(target)})`}
      >
        <div className={styles.base} style={{ width: `${baseline * 100}%` }} />
        <div className={styles.fill} style={{ left: `${baseline * 100}%`, width: `${gained * 100}%` }} />
        <div className={styles.marker} style={{ left: `calc(${target * 100}% - 1px)` }} title="Target" />
      </div>
      <div className={`muted ${styles.scale}`} aria-hidden="true">
        <span>0%</span>
        <span>
          target {pct(target)} ({formatPercent(toGo, 1)} to go)
        </span>
        <span>100%</span>
      </div>
      <p>
        <strong>How it is computed:</strong> {maturity.explanation}
      </p>
      {note && <p className="muted">{note}</p>}
    </section>
  );
}
