/**
 * Kubernetes CEL regex library (find, findAll). Patterns are RE2: @bufbuild/re2 checks the syntax
 * (so a pattern RE2 rejects is an error here too), then the match runs on a JS RegExp translated
 * from it (leading (?flags) become RegExp flags, (?P<name> becomes (?<name>).
 */
import { RE2JS } from "@bufbuild/re2";
import { type CelFunc, CelScalar, celMethod, listType } from "@bufbuild/cel";

const STRINGS = listType(CelScalar.STRING);

const compiled = new Map<string, RegExp>();

export function re2ToRegExp(pattern: string): RegExp {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  try {
    RE2JS.compile(pattern);
  } catch (e) {
    throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
  let source = pattern.replace(/\(\?P</g, "(?<");
  let flags = "g";
  const lead = /^\(\?([imsU]+)\)/.exec(source);
  if (lead) {
    if (lead[1].includes("U"))
      throw new Error(`regular expression flag U (ungreedy) is not supported: ${pattern}`);
    flags += lead[1];
    source = source.slice(lead[0].length);
  }
  let re: RegExp;
  try {
    re = new RegExp(source, `${flags}u`);
  } catch {
    re = new RegExp(source, flags);
  }
  if (compiled.size > 10_000) compiled.clear();
  compiled.set(pattern, re);
  return re;
}

function findAll(s: string, pattern: string, limit: number): string[] {
  if (limit === 0) return [];
  const out: string[] = [];
  for (const m of s.matchAll(re2ToRegExp(pattern))) {
    out.push(m[0]);
    if (limit > 0 && out.length >= limit) break;
  }
  return out;
}

export const regexFuncs: CelFunc[] = [
  celMethod("find", CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (p) {
    return findAll(this, p, 1)[0] ?? "";
  }),
  celMethod("findAll", CelScalar.STRING, [CelScalar.STRING], STRINGS, function (p) {
    return findAll(this, p, -1);
  }),
  celMethod("findAll", CelScalar.STRING, [CelScalar.STRING, CelScalar.INT], STRINGS, function (p, n) {
    return findAll(this, p, Number(n));
  }),
];
