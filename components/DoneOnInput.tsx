"use client";

import { useHydrated } from "@/lib/hooks/use-hydrated";

/** The days a tick's done-on may take: its phase's start to today (the default). */
export type DoneOnRange = { min: string; max: string };

/**
 * The day the work behind a tick (a milestone, a manual exit criterion) was done, picked before ticking: a
 * period's report counts the tick on that day, not on the day it was recorded. The server checks the same range.
 */
export function DoneOnInput({
  title,
  range,
  value,
  onChange,
}: {
  /** What is ticked: the input is labelled "Done on (<title>)". */
  title: string;
  range: DoneOnRange;
  value: string;
  onChange: (day: string) => void;
}) {
  // Disabled until hydrated: a day picked earlier would be reset to the default by hydration, silently.
  const hydrated = useHydrated();
  return (
    <input
      type="date"
      aria-label={`Done on (${title})`}
      min={range.min}
      max={range.max}
      value={value}
      disabled={!hydrated}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
