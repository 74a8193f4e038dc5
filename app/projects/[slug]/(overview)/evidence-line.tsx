import Link from "next/link";

type EvidenceScan = {
  id: string;
  takenAt: Date;
  tool: string;
  evidence: "manifest" | "cluster";
  environment: { name: string };
};

const day = (d: Date) => d.toISOString().slice(0, 10);

const evidenceOf = (s: EvidenceScan) =>
  s.evidence === "cluster"
    ? `cluster evidence from ${s.tool} on ${day(s.takenAt)}`
    : `manifests scanned ${day(s.takenAt)}`;

/**
 * Which evidence the environment's figures come from (its latest scan: manifests, or a cluster's PolicyReports),
 * and the newest scan of the other kind when there is one, so live state and manifests are never confused.
 */
export function EvidenceLine({
  scans,
  environment,
  latestId,
}: {
  /** The project's scans, newest first. */
  scans: EvidenceScan[];
  environment: string;
  latestId: string;
}) {
  const own = scans.filter((s) => s.environment.name === environment);
  const latest = own.find((s) => s.id === latestId);
  if (!latest) return null;
  const other = own.find((s) => s.evidence !== latest.evidence);
  return (
    <p className="muted" data-testid="evidence-line">
      Figures from {evidenceOf(latest)}
      {other ? `; ${evidenceOf(other)} (not counted in these figures)` : ""}.
    </p>
  );
}

const KIND_LABELS = { manifest: "Manifests", cluster: "Cluster reports" } as const;

/** `?evidence=` as a kind of evidence, or undefined. */
export function evidenceParam(value: string | string[] | undefined): "manifest" | "cluster" | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === "manifest" || v === "cluster" ? v : undefined;
}

/**
 * Where the environment has both manifest scans and a cluster's reports: links choosing which the figures come
 * from (`?evidence=`), the one shown marked current.
 */
export function EvidenceToggle({
  kinds,
  evidence,
  href,
}: {
  kinds: readonly ("manifest" | "cluster")[];
  evidence: "manifest" | "cluster";
  /** The overview's URL for a kind. */
  href: (kind: "manifest" | "cluster") => string;
}) {
  if (kinds.length < 2) return null;
  return (
    <nav aria-label="Evidence" className="muted">
      Figures from:{" "}
      {kinds.map((kind, i) => (
        <span key={kind}>
          {i > 0 ? " · " : null}
          {kind === evidence ? (
            <strong aria-current="true">{KIND_LABELS[kind]}</strong>
          ) : (
            <Link href={href(kind)}>{KIND_LABELS[kind]}</Link>
          )}
        </span>
      ))}
    </nav>
  );
}
