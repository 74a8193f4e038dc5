import styles from "./overview.module.css";

export default function Loading() {
  return (
    <div role="status" aria-live="polite">
      <p className="muted">Loading the program's figures…</p>
      <div className={styles.skeleton} aria-hidden="true" />
      <div className={styles.skeleton} aria-hidden="true" />
    </div>
  );
}
