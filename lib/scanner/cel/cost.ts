/**
 * CEL runtime cost, applied as the API server applies it to ValidatingAdmissionPolicies
 * (k8s.io/apiserver/pkg/apis/cel/config.go):
 * - every expression evaluation may spend at most PER_CALL_LIMIT (1,000,000);
 * - one evaluation of a policy (a policy, binding and parameter) shares RUNTIME_CEL_COST_BUDGET
 *   (10,000,000) across its variables, validations and messageExpressions, and its matchConditions
 *   share RUNTIME_CEL_COST_BUDGET_MATCH_CONDITIONS (2,500,000).
 * Exceeding either is an evaluation error (handled by failurePolicy), never a hang.
 *
 * @bufbuild/cel has no cost tracker, so each parsed expression is instrumented before planning (see
 * instrument()): one unit per call outside loops, charged once; per comprehension iteration, one unit
 * plus the calls of its condition and step; a tenth of the size of each comprehension range and of
 * each string or list built by `+` outside loop bodies. `@cost(x, units)` charges and throws once the
 * meter is over its limit; a tripped meter makes every comprehension stop at its next loop condition,
 * so nested loops over large lists end quickly. The figures follow cel-go's model (one unit per call,
 * 0.1 per element or character) without matching it to the unit, and without charging calls a
 * short-circuit skips inside a loop body; the same expression on the same object always costs the same.
 */
import {
  type CelFunc,
  CelScalar,
  type CelValue,
  celFunc,
  isCelList,
  isCelMap,
  type parse,
} from "@bufbuild/cel";

export const PER_CALL_LIMIT = 1_000_000;
export const RUNTIME_CEL_COST_BUDGET = 10_000_000;
export const RUNTIME_CEL_COST_BUDGET_MATCH_CONDITIONS = 2_500_000;

/** cel-go's message for an expression over PerCallLimit. */
export const PER_CALL_EXCEEDED = "operation cancelled: actual cost limit exceeded";
/** The API server's message when a policy evaluation runs out of its budget. */
export const BUDGET_EXCEEDED =
  "validation failed due to running out of cost budget, no further validation rules will be run";

const COST_FN = "@cost";

/** What one policy evaluation (or its matchConditions) may still spend. */
export class CostBudget {
  constructor(public remaining: number) {}
}

/** An expression or a policy evaluation went over its cost limit. */
export class CelCostError extends Error {}

interface Meter {
  used: number;
  limit: number;
}

/** The meter of the evaluation under way; evaluation is synchronous, so one is enough. */
let active: Meter | undefined;

function sizeCost(v: CelValue): number {
  if (typeof v === "string") return Math.ceil(v.length * 0.1);
  if (isCelList(v) || isCelMap(v)) return Math.ceil(v.size * 0.1);
  if (v instanceof Uint8Array) return Math.ceil(v.length * 0.1);
  return 0;
}

export const costFuncs: CelFunc[] = [
  celFunc(COST_FN, [CelScalar.DYN, CelScalar.INT], CelScalar.DYN, (v, units) => {
    const m = active;
    if (m) {
      m.used += Number(units) + sizeCost(v);
      if (m.used > m.limit) throw new CelCostError(PER_CALL_EXCEEDED);
    }
    return v;
  }),
];

type Expr = ReturnType<typeof parse>["expr"];

/** Wraps `e` in `@cost(e, units)`: charged `units` plus the size of its value each time it is evaluated. */
function wrap(e: Expr, units: number): void {
  const inner = { ...e };
  const constant = {
    $typeName: "cel.expr.Expr",
    id: e.id,
    exprKind: {
      case: "constExpr",
      value: { $typeName: "cel.expr.Constant", constantKind: { case: "int64Value", value: BigInt(units) } },
    },
  };
  e.exprKind = {
    case: "callExpr",
    value: { $typeName: "cel.expr.Expr.Call", function: COST_FN, args: [inner, constant] } as never,
  };
}

/**
 * Instruments a parsed expression and returns its static cost: the calls it makes outside comprehension
 * bodies (charged once per evaluation). Each comprehension's loop condition is wrapped to charge, per
 * iteration, one unit plus the calls of its condition and step; its range is wrapped (a tenth of its size)
 * so that a tripped meter also stops loops that have not started; concatenations outside loop bodies are
 * wrapped to charge the size of what they build.
 */
export function instrument(e: Expr | undefined, inLoopBody = false): number {
  if (!e) return 0;
  const k = e.exprKind;
  switch (k.case) {
    case "callExpr": {
      let n = 1 + instrument(k.value.target, inLoopBody);
      for (const a of k.value.args) n += instrument(a, inLoopBody);
      if (k.value.function === "_+_" && !inLoopBody) wrap(e, 0);
      return n;
    }
    case "selectExpr":
      return instrument(k.value.operand, inLoopBody);
    case "listExpr":
      return k.value.elements.reduce((n, x) => n + instrument(x, inLoopBody), 0);
    case "structExpr":
      return k.value.entries.reduce(
        (n, entry) =>
          n +
          (entry.keyKind.case === "mapKey" ? instrument(entry.keyKind.value, inLoopBody) : 0) +
          instrument(entry.value, inLoopBody),
        0,
      );
    case "comprehensionExpr": {
      const c = k.value;
      const once =
        instrument(c.iterRange, inLoopBody) +
        instrument(c.accuInit, inLoopBody) +
        instrument(c.result, inLoopBody);
      const perIteration = 1 + instrument(c.loopCondition, true) + instrument(c.loopStep, true);
      if (c.iterRange) wrap(c.iterRange, 0);
      if (c.loopCondition) wrap(c.loopCondition, perIteration);
      return 1 + once;
    }
    default:
      return 0;
  }
}

/**
 * Runs `fn` (one expression's evaluation) under the per-call limit and, when given, the budget it
 * shares with the other expressions of one policy evaluation; throws CelCostError when over either,
 * whatever value the expression produced.
 */
export function metered<A, T>(fn: (arg: A) => T, arg: A, staticCost: number, budget?: CostBudget): T {
  const limit = Math.min(PER_CALL_LIMIT, budget ? Math.max(budget.remaining, 0) : PER_CALL_LIMIT);
  const outer = active;
  const meter: Meter = { used: staticCost, limit };
  active = meter;
  // CEL errors are values (a missing field, a failed conversion) and @bufbuild/cel makes each an Error:
  // their stack traces, never read, would cost more than the evaluation itself.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let value: T;
  try {
    value = fn(arg);
  } finally {
    active = outer;
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (budget) budget.remaining -= meter.used;
  if (meter.used > PER_CALL_LIMIT) throw new CelCostError(PER_CALL_EXCEEDED);
  if (meter.used > limit) throw new CelCostError(BUDGET_EXCEEDED);
  return value;
}
