import { noteToHtml } from "@/lib/report/notes-markdown";
import styles from "./NotesPreview.module.css";

/**
 * A period note as the report shows it: Markdown rendered by lib/report/notes-markdown (the module every report
 * format uses), sanitised there (no raw HTML, images or scripts; http(s) and mailto links only). Server-rendered.
 */
export function NotesPreview({ title, markdown }: { title: string; markdown: string }) {
  return (
    <div className={styles.note}>
      <h3>{title}</h3>
      {markdown.trim() ? (
        <div
          className={styles.body}
          // Sanitised by rehype-sanitize in noteToHtml (GitHub's schema without images or inputs).
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised HTML from noteToHtml
          dangerouslySetInnerHTML={{ __html: noteToHtml(markdown, 4) }}
        />
      ) : (
        <p className="muted">None written for this period.</p>
      )}
    </div>
  );
}
