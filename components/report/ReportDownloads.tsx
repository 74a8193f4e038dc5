import styles from "./ReportDownloads.module.css";

/** The report's download links (plain same-origin GETs: the browser saves the file the API names). */
const FILES = [
  { format: "md", label: "Markdown" },
  { format: "pdf", label: "PDF" },
  { format: "csv", table: "components", label: "CSV: components" },
  { format: "csv", table: "metrics", label: "CSV: metrics" },
  { format: "json", label: "JSON" },
] as const;

export function ReportDownloads({ slug, query }: { slug: string; query: string }) {
  return (
    <ul className={styles.list} aria-label="Download the report">
      {FILES.map((f) => {
        const params = new URLSearchParams(query);
        params.set("format", f.format);
        if ("table" in f) params.set("table", f.table);
        return (
          <li key={f.label}>
            <a className="button" href={`/api/v1/projects/${slug}/reports?${params}`} download>
              {f.label}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
