import type { StatusCounts } from "@/lib/scanner";

/**
 * Share of the components a control applies to that meet it: (pass + waived) / (pass + waived + fail).
 * Waived counts as met (a documented exception); n/a is outside the denominator. Null when nothing applies.
 */
export function passRate(counts: StatusCounts | undefined): number | null {
  if (!counts) return null;
  const applicable = counts.pass + counts.waived + counts.fail;
  return applicable === 0 ? null : (counts.pass + counts.waived) / applicable;
}

/**
 * Share of the components a control is *enforced* on, with documented exceptions outside the target:
 * pass / (pass + fail). This is the hardening table's "achieved / target" and the "before → after" rate
 * ("runAsNonRoot 19/19, 1 exception: promtail"; "63% → 100%"). Null when nothing is left in scope.
 */
export function enforcedRate(counts: StatusCounts | undefined): number | null {
  if (!counts) return null;
  return passRate({ pass: counts.pass, fail: counts.fail, waived: 0, "n/a": counts["n/a"] + counts.waived });
}
