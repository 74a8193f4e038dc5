import styles from "./overview.module.css";

/**
 * The loading state of the pages that compute the program's figures. Each such page has its own loading.tsx
 * (below the layouts that check ids), never one for the whole program: a Suspense boundary above a check would
 * flush a 200 before the check could answer 404.
 */
export function ProgramLoading() {
  return (
    <div role="status" aria-live="polite">
      <p className="muted">Loading the program's figures…</p>
      <div className={styles.skeleton} aria-hidden="true" />
      <div className={styles.skeleton} aria-hidden="true" />
    </div>
  );
}
