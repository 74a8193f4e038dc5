/** Calendar helpers for program definitions. Dates are plain `YYYY-MM-DD` strings (no time zone). */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** True for YYYY-MM-DD or an ISO date-time with an explicit offset (2025-10-05T09:00:00Z). */
export function isIsoDateOrDateTime(value: string): boolean {
  if (isIsoDate(value)) return true;
  const m = DATE_TIME_RE.exec(value);
  if (!m || !isIsoDate(m[1])) return false;
  return Number(m[2]) < 24 && Number(m[3]) < 60 && !Number.isNaN(Date.parse(value));
}

/** Days from `a` to `b` (both YYYY-MM-DD); negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** `date` plus `days` days, as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Week numbering of a phase: week 1 starts on the phase's start date, week n covers
 * [start + 7(n-1), start + 7n - 1].
 */
export function weekStart(phaseStart: string, week: number): string {
  return addDays(phaseStart, 7 * (week - 1));
}

export function weekEnd(phaseStart: string, week: number): string {
  return addDays(phaseStart, 7 * week - 1);
}

/** Number of (possibly partial) weeks between the phase's start and end dates, inclusive. */
export function weekCount(phaseStart: string, phaseEnd: string): number {
  return Math.max(0, Math.ceil((daysBetween(phaseStart, phaseEnd) + 1) / 7));
}

/**
 * The phase week a date or date-time falls in (1-based), or null when outside the phase.
 * Date-times are reduced to their UTC calendar date.
 */
export function weekOf(phase: { start: string; end: string }, dateOrDateTime: string): number | null {
  const date = isIsoDate(dateOrDateTime)
    ? dateOrDateTime
    : new Date(Date.parse(dateOrDateTime)).toISOString().slice(0, 10);
  const offset = daysBetween(phase.start, date);
  if (offset < 0 || daysBetween(date, phase.end) < 0) return null;
  return Math.floor(offset / 7) + 1;
}
