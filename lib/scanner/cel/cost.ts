/**
 * CEL runtime cost, applied as the API server applies it to ValidatingAdmissionPolicies
 * (k8s.io/apiserver/pkg/apis/cel/config.go):
 * - every expression evaluation may spend at most PER_CALL_LIMIT (1,000,000);
 * - one evaluation of a policy (a policy, binding and parameter) shares RUNTIME_CEL_COST_BUDGET
 *   (10,000,000) across its variables, validations and messageExpressions, and its matchConditions
 *   share RUNTIME_CEL_COST_BUDGET_MATCH_CONDITIONS (2,500,000).
 * Exceeding either is an evaluation error (handled by failurePolicy), never a hang.
 *
 * @bufbuild/cel has no cost tracker, so each parsed expression is instrumented before planning:
 * every call (functions and operators), every comprehension's range and loop condition is wrapped
 * in `@cost(x)`, which charges 1 plus a tenth of the size of a string, list or map value, and throws
 * once the meter is over its limit. A tripped meter makes every comprehension stop at its next loop
 * condition, so nested loops over large lists end quickly. The figures follow cel-go's model (one
 * unit per call or iteration, 0.1 per element or character) without matching it to the unit: the
 * same expression on the same object always costs the same here.
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
  celFunc(COST_FN, [CelScalar.DYN], CelScalar.DYN, (v) => {
    const m = active;
    if (m) {
      m.used += 1 + sizeCost(v);
      if (m.used > m.limit) throw new CelCostError(PER_CALL_EXCEEDED);
    }
    return v;
  }),
];

type Expr = ReturnType<typeof parse>["expr"];

function wrap(e: Expr): void {
  const inner = { ...e };
  e.exprKind = {
    case: "callExpr",
    value: { $typeName: "cel.expr.Expr.Call", function: COST_FN, args: [inner] } as never,
  };
}

/** Wraps every call, comprehension range and loop condition of a parsed expression in `@cost`. */
export function instrument(e: Expr | undefined): void {
  if (!e) return;
  const k = e.exprKind;
  switch (k.case) {
    case "callExpr":
      instrument(k.value.target);
      for (const a of k.value.args) instrument(a);
      wrap(e);
      return;
    case "selectExpr":
      instrument(k.value.operand);
      return;
    case "listExpr":
      for (const x of k.value.elements) instrument(x);
      return;
    case "structExpr":
      for (const entry of k.value.entries) {
        if (entry.keyKind.case === "mapKey") instrument(entry.keyKind.value);
        instrument(entry.value);
      }
      return;
    case "comprehensionExpr": {
      const c = k.value;
      for (const x of [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result]) instrument(x);
      if (c.iterRange && c.iterRange.exprKind.case !== "callExpr") wrap(c.iterRange);
      if (c.loopCondition && c.loopCondition.exprKind.case !== "callExpr") wrap(c.loopCondition);
      return;
    }
    default:
      return;
  }
}

/**
 * Runs `fn` (one expression's evaluation) under the per-call limit and, when given, the budget it
 * shares with the other expressions of one policy evaluation; throws CelCostError when over either,
 * whatever value the expression produced.
 */
export function metered<T>(fn: () => T, budget?: CostBudget): T {
  const limit = Math.min(PER_CALL_LIMIT, budget ? Math.max(budget.remaining, 0) : PER_CALL_LIMIT);
  const outer = active;
  const meter: Meter = { used: 0, limit };
  active = meter;
  let value: T;
  try {
    value = fn();
  } finally {
    active = outer;
  }
  if (budget) budget.remaining -= meter.used;
  if (meter.used > PER_CALL_LIMIT) throw new CelCostError(PER_CALL_EXCEEDED);
  if (meter.used > limit) throw new CelCostError(BUDGET_EXCEEDED);
  return value;
}
