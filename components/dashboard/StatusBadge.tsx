import type { HardeningMetricStatus } from "@/lib/metrics";
import styles from "./Dashboard.module.css";

export type BadgeTone = "ok" | "warn" | "bad" | "neutral" | "info";

const STATUS: Record<HardeningMetricStatus, { text: string; icon: string; tone: BadgeTone }> = {
  complete: { text: "Complete", icon: "✓", tone: "ok" },
  "on-track": { text: "On track", icon: "→", tone: "info" },
  behind: { text: "Behind", icon: "!", tone: "bad" },
  "not-started": { text: "Not started", icon: "○", tone: "neutral" },
};

/** A pill with text (never colour alone); the icon is decorative. */
export function Badge({
  tone,
  icon,
  children,
}: {
  tone: BadgeTone;
  icon?: string;
  children: React.ReactNode;
}) {
  return (
    <span className={`${styles.badge} ${styles[tone]}`}>
      {icon && <span aria-hidden="true">{icon}</span>}
      {children}
    </span>
  );
}

/** complete / on track / behind / not started, as text beside the colour. */
export function StatusBadge({ status }: { status: HardeningMetricStatus }) {
  const s = STATUS[status];
  return (
    <Badge tone={s.tone} icon={s.icon}>
      {s.text}
    </Badge>
  );
}

export function statusText(status: HardeningMetricStatus): string {
  return STATUS[status].text;
}
