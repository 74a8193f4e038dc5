/**
 * Kubernetes CEL quantity library (library/quantity.go) over resource.Quantity's syntax:
 * <signedNumber><suffix>, suffix one of Ki..Ei (binary), n u m k M G T P E (decimal SI) or e<n>/E<n>.
 * Values are exact rationals (bigint numerator/denominator) so comparisons never round.
 */
import { type CelFunc, CelScalar, celFunc, celMethod } from "@bufbuild/cel";
import { opaque, unwrap } from "./opaque.ts";

interface Rational {
  n: bigint;
  d: bigint;
}

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const INT64_MAX = 0x7fffffffffffffffn;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
}

function norm(n: bigint, d: bigint): Rational {
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

function pow10(e: number): Rational {
  return e >= 0 ? { n: 10n ** BigInt(e), d: 1n } : { n: 1n, d: 10n ** BigInt(-e) };
}

export function parseQuantity(s: string): Rational {
  const m = QUANTITY_RE.exec(s);
  if (!m)
    throw new Error(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(s)}`,
    );
  const [, sign, digits, suffix = ""] = m;
  const [whole, frac = ""] = digits.split(".");
  let r: Rational = { n: BigInt((whole || "0") + frac), d: 10n ** BigInt(frac.length) };
  if (sign === "-") r.n = -r.n;
  const scale =
    BINARY[suffix] !== undefined
      ? { n: BINARY[suffix], d: 1n }
      : pow10(suffix in DECIMAL ? DECIMAL[suffix] : Number(suffix.slice(1)));
  r = norm(r.n * scale.n, r.d * scale.d);
  return r;
}

const key = (r: Rational) => `${r.n}/${r.d}`;
function fromKey(k: string): Rational {
  const [n, d] = k.split("/");
  return { n: BigInt(n), d: BigInt(d) };
}
const q = (v: unknown, fn: string) => fromKey(unwrap("quantity", v as never, fn));
const wrap = (r: Rational) => opaque("quantity", key(norm(r.n, r.d)));
const cmp = (a: Rational, b: Rational) => {
  const x = a.n * b.d;
  const y = b.n * a.d;
  return x < y ? -1n : x > y ? 1n : 0n;
};
const add = (a: Rational, b: Rational): Rational => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const isInt64 = (r: Rational) => r.d === 1n && r.n <= INT64_MAX && r.n >= -INT64_MAX - 1n;
const Q = CelScalar.DYN;

/** quantity.compareTo: -1, 0 or 1 (compareTo/isLessThan/isGreaterThan are shared with semver: see ordered.ts). */
export function compareQuantities(a: unknown, b: unknown): bigint {
  return cmp(q(a, "compareTo"), q(b, "compareTo"));
}

export const quantityFuncs: CelFunc[] = [
  celFunc("quantity", [CelScalar.STRING], Q, (s) => opaque("quantity", key(parseQuantity(s)))),
  celFunc("isQuantity", [CelScalar.STRING], CelScalar.BOOL, (s) => QUANTITY_RE.test(s)),
  celMethod("sign", Q, [], CelScalar.INT, function () {
    const r = q(this, "sign");
    return r.n > 0n ? 1n : r.n < 0n ? -1n : 0n;
  }),
  celMethod("isInteger", Q, [], CelScalar.BOOL, function () {
    return isInt64(q(this, "isInteger"));
  }),
  celMethod("asInteger", Q, [], CelScalar.INT, function () {
    const r = q(this, "asInteger");
    if (!isInt64(r)) throw new Error("cannot convert value to integer");
    return r.n;
  }),
  celMethod("asApproximateFloat", Q, [], CelScalar.DOUBLE, function () {
    const r = q(this, "asApproximateFloat");
    return Number(r.n) / Number(r.d);
  }),
  celMethod("add", Q, [CelScalar.INT], Q, function (i) {
    return wrap(add(q(this, "add"), { n: i, d: 1n }));
  }),
  celMethod("add", Q, [Q], Q, function (o) {
    return wrap(add(q(this, "add"), q(o, "add")));
  }),
  celMethod("sub", Q, [CelScalar.INT], Q, function (i) {
    return wrap(add(q(this, "sub"), { n: -i, d: 1n }));
  }),
  celMethod("sub", Q, [Q], Q, function (o) {
    const b = q(o, "sub");
    return wrap(add(q(this, "sub"), { n: -b.n, d: b.d }));
  }),
];
