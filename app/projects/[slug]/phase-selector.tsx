import Link from "next/link";
import type { PhaseStatus } from "@/lib/program";
import styles from "./overview.module.css";

const STATUS: Record<PhaseStatus, string> = { done: "ended", current: "current", planned: "planned" };

/**
 * The program's phases as links (`?phase=`, the environment kept): overview, roadmap and exit criteria follow the
 * phase current by date, and this selects another. Nothing to choose with a single phase.
 */
export function PhaseSelector({
  phases,
  selected,
  path,
  environment,
}: {
  phases: readonly { id: string; name: string; number?: number; status: PhaseStatus }[];
  selected: string;
  /** The page's path, e.g. /projects/maestro/roadmap. */
  path: string;
  environment: string;
}) {
  if (phases.length < 2) return null;
  return (
    <nav aria-label="Phase" className={styles.environments} style={{ flexWrap: "wrap" }}>
      <span className="muted">Phase:</span>
      {phases.map((p) => (
        <Link
          key={p.id}
          href={`${path}?environment=${encodeURIComponent(environment)}&phase=${encodeURIComponent(p.id)}`}
          className={p.id === selected ? styles.envActive : styles.env}
          aria-current={p.id === selected ? "true" : undefined}
        >
          {p.number !== undefined ? `Phase ${p.number}: ` : ""}
          {p.name} ({STATUS[p.status]})
        </Link>
      ))}
    </nav>
  );
}
