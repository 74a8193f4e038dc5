import Link from "next/link";
import styles from "./overview.module.css";

/** The program's sections, and the environment the figures are read from (kept in `?environment=`). */
export function ProjectNav({
  slug,
  current,
  environments,
  environment,
}: {
  slug: string;
  current:
    | "overview"
    | "components"
    | "scans"
    | "roadmap"
    | "exit-criteria"
    | "exceptions"
    | "policies"
    | "report";
  environments: readonly string[];
  environment: string;
}) {
  const base = `/projects/${slug}`;
  const query = `?environment=${encodeURIComponent(environment)}`;
  const sections = [
    { key: "overview", label: "Overview", href: `${base}${query}` },
    { key: "components", label: "Components", href: `${base}/components${query}` },
    { key: "roadmap", label: "Roadmap", href: `${base}/roadmap${query}` },
    { key: "exit-criteria", label: "Exit criteria", href: `${base}/exit-criteria${query}` },
    { key: "exceptions", label: "Exceptions", href: `${base}/exceptions${query}` },
    { key: "policies", label: "Policies", href: `${base}/policies${query}` },
    { key: "scans", label: "Scans", href: `${base}/scans${query}` },
    { key: "report", label: "Report", href: `${base}/report${query}` },
  ] as const;
  const here = current === "overview" ? base : `${base}/${current}`;
  return (
    <div className={styles.nav}>
      <nav aria-label="Program sections" className={styles.tabs}>
        {sections.map((s) => (
          <Link
            key={s.key}
            href={s.href}
            className={s.key === current ? styles.tabActive : styles.tab}
            aria-current={s.key === current ? "page" : undefined}
          >
            {s.label}
          </Link>
        ))}
      </nav>
      {environments.length > 0 ? (
        <nav aria-label="Environment" className={styles.environments}>
          <span className="muted">Environment:</span>
          {environments.map((name) => (
            <Link
              key={name}
              href={`${here}?environment=${encodeURIComponent(name)}`}
              className={name === environment ? styles.envActive : styles.env}
              aria-current={name === environment ? "true" : undefined}
            >
              {name}
            </Link>
          ))}
        </nav>
      ) : null}
    </div>
  );
}

/** `?environment=` as one string (the first when repeated). */
export function environmentParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
