/** Manual state: what the program file says, overridden by recorded state (ProgramState). */
import { type DoneState, daysBetween, doneOnDay } from "@/lib/program";
import type { ProgramState } from "./types.ts";

type StateValue = DoneState | boolean | null | undefined;

function resolve(
  recorded: Readonly<Record<string, StateValue>> | undefined,
  id: string,
  initial: DoneState | undefined,
): { done: boolean; state?: DoneState } {
  const value: StateValue = recorded && Object.hasOwn(recorded, id) ? recorded[id] : initial;
  if (value === true) return { done: true };
  if (value && typeof value === "object") return { done: true, state: value };
  return { done: false };
}

export function milestoneDone(
  milestone: { id: string; done?: DoneState },
  state: ProgramState | undefined,
): { done: boolean; state?: DoneState } {
  return resolve(state?.milestones, milestone.id, milestone.done);
}

export function criterionTicked(
  criterion: { id: string; rule: { type: string; met?: DoneState } },
  state: ProgramState | undefined,
): { done: boolean; state?: DoneState } {
  return resolve(state?.criteria, criterion.id, criterion.rule.met);
}

type StateMap = Readonly<Record<string, StateValue>>;

/** Ticks whose done-on day is after `lastDay` (YYYY-MM-DD) become "not done": the state as it stood that day. */
function mapAsOf(map: StateMap | undefined, lastDay: string): StateMap {
  return Object.fromEntries(
    Object.entries(map ?? {}).map(([id, s]) => [
      id,
      s && typeof s === "object" && daysBetween(doneOnDay(s), lastDay) < 0 ? null : s,
    ]),
  );
}

/** The recorded state as of the end of `lastDay`, counting each tick by the day its work was done. */
export function stateAsOf(state: ProgramState, lastDay: string): ProgramState {
  return { criteria: mapAsOf(state.criteria, lastDay), milestones: mapAsOf(state.milestones, lastDay) };
}
