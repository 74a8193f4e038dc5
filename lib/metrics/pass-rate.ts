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
