/**
 * The CEL environment Kubernetes gives admission policies: the standard library, cel-go's strings
 * and sets extensions, and the Kubernetes libraries (lists, regex, URLs, quantity, IP/CIDR, semver,
 * format), each in its own module. Programs are compiled once per expression text and cached:
 * the text is the whole key (nothing else changes a compiled program).
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

const env = celEnv({ funcs: [...KUBERNETES_FUNCS] });

export type Program = (vars: Record<string, unknown>) => CelResult;

/** A compile error (syntax) as an Error with the expression's own message. */
export class CelCompileError extends Error {}

const programs = new Map<string, Program | CelCompileError>();

/** Compiles (or returns the cached program for) one expression; throws CelCompileError. */
export function compile(expression: string): Program {
  let p = programs.get(expression);
  if (!p) {
    try {
      p = plan(env, parse(expression)) as Program;
    } catch (e) {
      p = new CelCompileError((e as Error).message);
    }
    programs.set(expression, p);
  }
  if (p instanceof CelCompileError) throw p;
  return p;
}

/** Evaluates an expression; returns the value or throws an Error carrying CEL's message. */
export function evaluate(expression: string, vars: Record<string, unknown>): unknown {
  const r = compile(expression)(vars);
  if (isCelError(r)) throw new Error(r.message);
  return r;
}
