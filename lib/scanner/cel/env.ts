/**
 * The CEL environment Kubernetes gives admission policies: the standard library, cel-go's strings
 * and sets extensions, and the Kubernetes libraries (lists, regex, URLs, quantity, IP/CIDR, semver,
 * format), each in its own module. Every program is metered against the Kubernetes CEL cost limits
 * (cost.ts).
 */
import {
  type CelFunc,
  CelScalar,
  type CelResult,
  celEnv,
  celMethod,
  isCelError,
  parse,
  plan,
} from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { formatFuncs } from "./format.ts";
import { ipFuncs } from "./ip.ts";
import { listFuncs } from "./lists.ts";
import { isOpaque } from "./opaque.ts";
import { optionalFuncs } from "./optional.ts";
import { costFuncs, type CostBudget, instrument, metered } from "./cost.ts";
import { compareQuantities, quantityFuncs } from "./quantity.ts";
import { regexFuncs } from "./regex.ts";
import { compareSemvers, semverFuncs } from "./semver.ts";
import { setFuncs } from "./sets.ts";
import { stringFixes } from "./strings-fixes.ts";
import { urlFuncs } from "./url.ts";

/** compareTo/isLessThan/isGreaterThan exist on both quantity and semver: dispatch on the receiver. */
function compareAny(a: unknown, b: unknown): bigint {
  return isOpaque("quantity", a as never) ? compareQuantities(a, b) : compareSemvers(a, b);
}

const orderedFuncs: CelFunc[] = [
  celMethod("compareTo", CelScalar.DYN, [CelScalar.DYN], CelScalar.INT, function (o) {
    return compareAny(this, o);
  }),
  celMethod("isLessThan", CelScalar.DYN, [CelScalar.DYN], CelScalar.BOOL, function (o) {
    return compareAny(this, o) < 0n;
  }),
  celMethod("isGreaterThan", CelScalar.DYN, [CelScalar.DYN], CelScalar.BOOL, function (o) {
    return compareAny(this, o) > 0n;
  }),
];

export const KUBERNETES_FUNCS: readonly CelFunc[] = [
  ...strings,
  ...stringFixes,
  ...setFuncs,
  ...listFuncs,
  ...regexFuncs,
  ...urlFuncs,
  ...quantityFuncs,
  ...ipFuncs,
  ...semverFuncs,
  ...formatFuncs,
  ...optionalFuncs,
  ...orderedFuncs,
];

const env = celEnv({ funcs: [...KUBERNETES_FUNCS, ...costFuncs] });

/** A compiled expression: evaluates under the cost limits (see cost.ts); throws an Error with CEL's message. */
export type Program = (vars: Record<string, unknown>, budget?: CostBudget) => unknown;

/** A compile error (syntax) as an Error with the expression's own message. */
export class CelCompileError extends Error {}

/**
 * Parses, instruments for cost and plans one expression; throws CelCompileError. Nothing is cached
 * here: callers keep the programs they reuse (a policy evaluator, for one scan).
 */
export function compile(expression: string): Program {
  let run: (vars: Record<string, unknown>) => CelResult;
  let staticCost: number;
  try {
    const parsed = parse(expression);
    staticCost = instrument(parsed.expr);
    run = plan(env, parsed) as typeof run;
  } catch (e) {
    throw new CelCompileError((e as Error).message);
  }
  return (vars, budget) => {
    const r = metered(run, vars, staticCost, budget);
    if (isCelError(r)) throw new Error(r.message);
    return r;
  };
}

/** Compiles and evaluates an expression once; returns the value or throws an Error carrying CEL's message. */
export function evaluate(expression: string, vars: Record<string, unknown>): unknown {
  return compile(expression)(vars);
}
