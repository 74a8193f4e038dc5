import styles from "./ScanPicker.module.css";

export type PickableScan = { id: string; takenAt: Date; gitRef: string | null; message: string | null };

const label = (s: PickableScan) =>
  [s.takenAt.toISOString().replace("T", " ").slice(0, 16), s.gitRef, s.message].filter(Boolean).join(" · ");

/**
 * Two scans of one environment to compare: a plain GET form to the diff page (`?from=…&to=…`), so it works
 * without JavaScript and the URL reproduces the comparison. `scans` newest first; defaults to previous → latest.
 */
export function ScanPicker({
  action,
  scans,
  environment,
  from,
  to,
}: {
  action: string;
  scans: readonly PickableScan[];
  environment: string;
  from?: string;
  to?: string;
}) {
  if (scans.length < 2) {
    return <p className="card muted">Two scans of {environment} are needed to compare.</p>;
  }
  const defaultTo = to ?? scans[0].id;
  const defaultFrom = from ?? scans[1].id;
  return (
    <form action={action} method="get" className={`card ${styles.form}`} aria-label="Compare two scans">
      <label>
        <span>From</span>
        <select name="from" aria-label="From" defaultValue={defaultFrom}>
          {scans.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)}
            </option>
          ))}
        </select>
      </label>
      <span aria-hidden="true">→</span>
      <label>
        <span>To</span>
        <select name="to" aria-label="To" defaultValue={defaultTo}>
          {scans.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button-primary">
        Compare
      </button>
    </form>
  );
}
