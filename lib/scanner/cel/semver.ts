/** Kubernetes CEL semver library (library/semverlib.go, blang/semver parsing, no normalisation). */
import { type CelFunc, CelScalar, celFunc, celMethod } from "@bufbuild/cel";
import { opaque, unwrap } from "./opaque.ts";

const NUM = "(0|[1-9]\\d*)";
const IDENT = "(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)";
const SEMVER_RE = new RegExp(
  `^${NUM}\\.${NUM}\\.${NUM}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$`,
);

interface Semver {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string[];
}

export function parseSemver(s: string): Semver {
  const m = SEMVER_RE.exec(s);
  if (!m) throw new Error(`could not parse ${JSON.stringify(s)} as version`);
  return { major: BigInt(m[1]), minor: BigInt(m[2]), patch: BigInt(m[3]), pre: m[4] ? m[4].split(".") : [] };
}

function cmpIdent(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Math.sign(Number(BigInt(a) - BigInt(b)));
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare(a: Semver, b: Semver): number {
  for (const k of ["major", "minor", "patch"] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  // A release outranks its pre-releases (1.0.0 > 1.0.0-alpha).
  if (!a.pre.length || !b.pre.length) return Math.sign(b.pre.length) - Math.sign(a.pre.length);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const c = cmpIdent(a.pre[i], b.pre[i]);
    if (c) return c;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

/** Build metadata does not take part in equality or ordering: the canonical form drops it. */
const canonical = (s: string) => s.split("+")[0];
const get = (v: unknown, fn: string) => parseSemver(unwrap("semver", v as never, fn));
const SV = CelScalar.DYN;

export function compareSemvers(a: unknown, b: unknown): bigint {
  return BigInt(compare(get(a, "compareTo"), get(b, "compareTo")));
}

export const semverFuncs: CelFunc[] = [
  celFunc("semver", [CelScalar.STRING], SV, (s) => {
    parseSemver(s);
    return opaque("semver", canonical(s));
  }),
  celFunc("isSemver", [CelScalar.STRING], CelScalar.BOOL, (s) => SEMVER_RE.test(s)),
  celMethod("major", SV, [], CelScalar.INT, function () {
    return get(this, "major").major;
  }),
  celMethod("minor", SV, [], CelScalar.INT, function () {
    return get(this, "minor").minor;
  }),
  celMethod("patch", SV, [], CelScalar.INT, function () {
    return get(this, "patch").patch;
  }),
];
