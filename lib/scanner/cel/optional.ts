/**
 * A minimal CEL optional type: @bufbuild/cel 0.6.1 has none, and the Kubernetes format library
 * returns optionals (`format.named(n)`, `f.validate(s)`). Supports optional.of/none, hasValue,
 * value and orValue (not the `.?` / `[?` syntax, which the parser rejects). The wrapped value is
 * kept as JSON so optional equality is value equality.
 */
import {
  type CelFunc,
  CelScalar,
  type CelValue,
  celFunc,
  celMethod,
  isCelList,
  isCelMap,
  isCelUint,
} from "@bufbuild/cel";
import { isOpaque, opaque, unwrap } from "./opaque.ts";

const NONE = "none";

function encode(v: CelValue): unknown {
  if (typeof v === "bigint") return { $int: String(v) };
  if (isCelUint(v)) return { $uint: String(v.value) };
  if (isCelList(v) || Array.isArray(v)) return [...(v as Iterable<CelValue>)].map(encode);
  if (isCelMap(v)) return Object.fromEntries([...v].map(([k, x]) => [String(k), encode(x)]));
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x as CelValue)]));
  if (v === null || ["string", "number", "boolean"].includes(typeof v)) return v;
  throw new Error(`optional.of: unsupported value type ${typeof v}`);
}

function decode(j: unknown): unknown {
  if (Array.isArray(j)) return j.map(decode);
  if (j !== null && typeof j === "object") {
    const o = j as Record<string, unknown>;
    if (typeof o.$int === "string") return BigInt(o.$int);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  }
  return j;
}

export const optionalNone = () => opaque("optional", NONE);
export const optionalOf = (v: CelValue) => opaque("optional", `some:${JSON.stringify(encode(v))}`);

function inner(v: unknown, fn: string): { has: boolean; value?: unknown } {
  const s = unwrap("optional", v as never, fn);
  return s === NONE ? { has: false } : { has: true, value: decode(JSON.parse(s.slice(5))) };
}

const OPT = CelScalar.DYN;

export const optionalFuncs: CelFunc[] = [
  celFunc("optional.none", [], OPT, optionalNone),
  celFunc("optional.of", [CelScalar.DYN], OPT, (v) => optionalOf(v)),
  celMethod("hasValue", OPT, [], CelScalar.BOOL, function () {
    return inner(this, "hasValue").has;
  }),
  celMethod("value", OPT, [], CelScalar.DYN, function () {
    const o = inner(this, "value");
    if (!o.has) throw new Error("optional.none() dereference");
    return o.value as never;
  }),
  celMethod("orValue", OPT, [CelScalar.DYN], CelScalar.DYN, function (d) {
    if (!isOpaque("optional", this)) throw new Error("no such overload: orValue expects an optional");
    const o = inner(this, "orValue");
    return (o.has ? o.value : d) as never;
  }),
];
