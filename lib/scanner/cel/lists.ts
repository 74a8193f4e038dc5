/** Kubernetes CEL list library (k8s.io/apiserver/pkg/cel/library/lists.go). */
import { type CelFunc, type CelList, CelScalar, type CelValue, celMethod, listType } from "@bufbuild/cel";
import { celCompare, celEquals } from "./compare.ts";

const LIST = listType(CelScalar.DYN);
const DYN = CelScalar.DYN;

function items(l: CelList): CelValue[] {
  return [...l];
}

function extreme(l: CelList, fn: string, sign: 1 | -1): CelValue {
  const xs = items(l);
  if (xs.length === 0) throw new Error(`${fn}(): list is empty`);
  return xs.reduce((best, x) => (celCompare(x, best) * sign > 0 ? x : best));
}

function sum(this: CelList): CelValue {
  const xs = items(this);
  if (xs.length === 0) return 0n;
  if (xs.every((x) => typeof x === "bigint")) {
    const total = (xs as bigint[]).reduce((a, b) => a + b, 0n);
    if (total > 0x7fffffffffffffffn || total < -0x8000000000000000n)
      throw new Error("sum(): integer overflow");
    return total;
  }
  if (xs.every((x) => typeof x === "number")) return (xs as number[]).reduce((a, b) => a + b, 0);
  throw new Error("no such overload: sum() takes a list of ints or a list of doubles");
}

export const listFuncs: CelFunc[] = [
  celMethod("isSorted", LIST, [], CelScalar.BOOL, function () {
    const xs = items(this);
    for (let i = 1; i < xs.length; i++) if (celCompare(xs[i - 1], xs[i]) > 0) return false;
    return true;
  }),
  celMethod("sum", LIST, [], DYN, sum),
  celMethod("min", LIST, [], DYN, function () {
    return extreme(this, "min", -1);
  }),
  celMethod("max", LIST, [], DYN, function () {
    return extreme(this, "max", 1);
  }),
  celMethod("indexOf", LIST, [DYN], CelScalar.INT, function (x) {
    return BigInt(items(this).findIndex((y) => celEquals(x, y)));
  }),
  celMethod("lastIndexOf", LIST, [DYN], CelScalar.INT, function (x) {
    return BigInt(items(this).findLastIndex((y) => celEquals(x, y)));
  }),
];
