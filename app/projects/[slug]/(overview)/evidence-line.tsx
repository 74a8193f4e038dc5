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
