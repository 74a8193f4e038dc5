import type { Features } from "@/lib/scanner/schema";
import own from "./SecurityFeatureBadges.module.css";
import { Badge, type BadgeTone } from "./StatusBadge";

export type SecurityFeatures = Partial<Features>;

export type SecurityFeatureBadgesProps = {
  /** A workload's `features` (scanner WorkloadResult.features; stored scans give `unknown`: see toFeatures). */
  features: SecurityFeatures | null | undefined;
  /** Accessible name of the list. */
  label?: string;
};

export type FeatureBadge = { key: string; text: string; tone: BadgeTone; warning: boolean; title?: string };

/** Narrows a stored scan's `features` (JSON, `unknown`) to the fields the badges read. */
export function toFeatures(value: unknown): SecurityFeatures | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const out: SecurityFeatures = {};
  for (const key of [
    "runAsNonRoot",
    "readOnlyRootFilesystem",
    "capabilitiesDropped",
    "tempVolumes",
    "dataVolumes",
    "hostPath",
    "initContainersSecured",
  ] as const) {
    if (typeof v[key] === "boolean") out[key] = v[key];
  }
  if (typeof v.runAsUser === "number") out.runAsUser = v.runAsUser;
  if (typeof v.seccomp === "string") out.seccomp = v.seccomp;
  if (Array.isArray(v.addedCapabilities))
    out.addedCapabilities = v.addedCapabilities.filter((c): c is string => typeof c === "string");
  return out;
}

/** The badges in the seed's wording and order: "runAsNonRoot (1000)", "read-only FS", "caps dropped", … */
export function featureBadges(f: SecurityFeatures | null | undefined): FeatureBadge[] {
  if (!f) return [];
  const out: FeatureBadge[] = [];
  const ok = (key: string, text: string, title?: string) =>
    out.push({ key, text, tone: "ok", warning: false, ...(title ? { title } : {}) });
  const warn = (key: string, text: string, title?: string) =>
    out.push({ key, text, tone: "warn", warning: true, ...(title ? { title } : {}) });

  if (f.runAsNonRoot)
    ok("user", f.runAsUser !== undefined ? `runAsNonRoot (${f.runAsUser})` : "runAsNonRoot");
  else if (f.runAsUser === 0) warn("user", "runAsUser 0 (root)");
  else if (f.runAsUser !== undefined)
    out.push({ key: "user", text: `runAsUser ${f.runAsUser}`, tone: "neutral", warning: false });
  if (f.readOnlyRootFilesystem) ok("rofs", "read-only FS");
  if (f.capabilitiesDropped) ok("caps", "caps dropped");
  for (const cap of f.addedCapabilities ?? []) warn(`cap-${cap}`, `+${cap}`, `Adds the ${cap} capability`);
  if (f.seccomp) {
    if (f.seccomp === "Unconfined") warn("seccomp", "seccomp unconfined");
    else ok("seccomp", f.seccomp === "RuntimeDefault" ? "seccomp" : `seccomp (${f.seccomp})`);
  }
  if (f.tempVolumes) ok("tmp", "temp volumes");
  if (f.dataVolumes) ok("data", "data PVC");
  if (f.hostPath) warn("hostpath", "hostPath", "Mounts a directory of the node");
  if (f.initContainersSecured) ok("init", "init containers secured");
  return out;
}

/** A workload's security features as readable badges; risky ones (root, added caps, hostPath) in warning style. */
export function SecurityFeatureBadges({ features, label = "Security features" }: SecurityFeatureBadgesProps) {
  const badges = featureBadges(features);
  if (badges.length === 0) return <span className="muted">No security features</span>;
  return (
    <ul className={own.list} aria-label={label}>
      {badges.map((b) => (
        <li key={b.key} className={own.item} title={b.title}>
          <Badge tone={b.tone} icon={b.warning ? "⚠" : undefined}>
            {b.warning && <span className="visually-hidden">Warning: </span>}
            {b.text}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
