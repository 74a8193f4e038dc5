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
      <table className="visually-hidden">
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
    </figure>
  );
}

/** "2025-10-05T09:00:00.000Z" → "Oct 5" (UTC, deterministic). */
export function shortDate(value: string | number | Date): string {
  const d = new Date(value);
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/** "2025-10-05T09:00:00.000Z" → "2025-10-05". */
export function isoDay(value: string | number | Date): string {
  return new Date(value).toISOString().slice(0, 10);
}
