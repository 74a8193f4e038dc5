import { Badge } from "@/components/dashboard/StatusBadge";

type State = "active" | "expiring" | "expired";

/** The expiry state in words beside its colour: expired, expires in N days, or active. */
export function ExpiryBadge({ state, daysLeft }: { state: State; daysLeft: number | null }) {
  if (state === "expired") {
    return (
      <Badge tone="bad" icon="✗">
        Expired
      </Badge>
    );
  }
  if (state === "expiring") {
    return (
      <Badge tone="warn" icon="!">
        {daysLeft === 0 ? "Expires today" : `Expires in ${daysLeft} ${daysLeft === 1 ? "day" : "days"}`}
      </Badge>
    );
  }
  return (
    <Badge tone="ok" icon="✓">
      {daysLeft === null ? "No expiry" : "Active"}
    </Badge>
  );
}

/** `DaemonSet logging/promtail`, with "any" for the parts the selector leaves open. */
export function selectorText(selector: {
  kind?: string | null;
  namespace?: string | null;
  name?: string | null;
}): string {
  return `${selector.kind ?? "any kind"} ${selector.namespace ?? "*"}/${selector.name ?? "*"}`;
}
