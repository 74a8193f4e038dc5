import { useId } from "react";
import styles from "./Dashboard.module.css";

/**
 * A chart with an accessible name (figure + figcaption) and its data as a visually hidden table, so screen
 * readers get the numbers the SVG draws.
 */
export function ChartFigure({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  /** Visible one-line summary under the caption (optional). */
  summary?: React.ReactNode;
  /** The chart's data as a table (rendered visually hidden). */
  table: { caption: string; columns: string[]; rows: (string | number)[][] };
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <figure className={`card ${styles.figure}`} aria-labelledby={id}>
      <figcaption id={id} className={styles.figcaption}>
        {title}
        {summary && <span className="muted"> {summary}</span>}
      </figcaption>
      <div aria-hidden="true">{children}</div>
      {/* The wrapper clips (a table box ignores width and overflow: hidden, so it would widen the page). */}
      <div className="visually-hidden">
        <table>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.join("|")}>
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={table.columns[i]} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={table.columns[i]}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** One formatter for every label: toLocaleDateString builds a new one per call (40 ms per 100-scan chart). */
const SHORT_DATE = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** "2025-10-05T09:00:00.000Z" → "Oct 5" (UTC, deterministic). */
export function shortDate(value: string | number | Date): string {
  return SHORT_DATE.format(new Date(value));
}

/** "2025-10-05T09:00:00.000Z" → "2025-10-05". */
export function isoDay(value: string | number | Date): string {
  return new Date(value).toISOString().slice(0, 10);
}

const hourMinute = (t: number) => new Date(t).toISOString().slice(11, 16);

/**
 * Axis and table labels of scans (epoch ms, time order): the day ("Oct 5" / "2025-10-05"), plus the time (UTC)
 * when another scan shares the day, plus the scan's number when even the minute is shared, so no two scans of a
 * chart ever carry the same label. `collide` says whether any day was shared.
 */
export function scanLabels(times: readonly number[]): { short: string[]; long: string[]; collide: boolean } {
  const count = (key: (t: number) => string) => {
    const n = new Map<string, number>();
    for (const t of times) n.set(key(t), (n.get(key(t)) ?? 0) + 1);
    return (t: number) => n.get(key(t)) ?? 0;
  };
  const perDay = count(isoDay);
  const perMinute = count((t) => `${isoDay(t)} ${hourMinute(t)}`);
  const suffix = (t: number, i: number) =>
    perDay(t) > 1 ? ` ${hourMinute(t)}${perMinute(t) > 1 ? ` #${i + 1}` : ""}` : "";
  return {
    short: times.map((t, i) => `${shortDate(t)}${suffix(t, i)}`),
    long: times.map((t, i) => `${isoDay(t)}${suffix(t, i)}`),
    collide: times.some((t) => perDay(t) > 1),
  };
}
