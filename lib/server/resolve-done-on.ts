import "server-only";
import { daysBetween } from "@/lib/program";
import { ValidationError } from "./errors";
import { day } from "./write-program-rows";

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The done-on day of a tick: the day given (already checked to be a date, not in the future) or today, never before
 * the start of the tick's phase (ValidationError naming `doneOn`).
 */
export function resolveDoneOn(doneOn: string | undefined, phaseStartsOn: Date): Date {
  const on = doneOn ?? isoDay(new Date());
  const start = isoDay(phaseStartsOn);
  if (daysBetween(start, on) < 0) {
    throw new ValidationError(`${on} is before the phase's start ${start}`, "doneOn");
  }
  return day(on);
}
