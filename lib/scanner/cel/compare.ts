/** Equality and ordering of CEL values, as the Kubernetes list and sets libraries use them. */
import { type CelValue, isCelList, isCelMap, isCelUint } from "@bufbuild/cel";

function num(v: CelValue): number | bigint | undefined {
  if (typeof v === "bigint" || typeof v === "number") return v;
  if (isCelUint(v)) return v.value;
  return undefined;
}

/** CEL equality: numbers compare across int/uint/double; lists and maps element-wise. */
export function celEquals(a: CelValue, b: CelValue): boolean {
  const na = num(a);
  const nb = num(b);
  // 1 == 1.0 in CEL: compare int/uint/double by value (bigint and number never === each other).
  if (na !== undefined && nb !== undefined)
    return !Number.isNaN(Number(na)) && !Number.isNaN(Number(nb)) && !(na < nb) && !(nb < na);
  if (isCelList(a) && isCelList(b)) {
    if (a.size !== b.size) return false;
    for (let i = 0; i < a.size; i++) if (!celEquals(a.get(i) as CelValue, b.get(i) as CelValue)) return false;
    return true;
  }
  if (isCelMap(a) && isCelMap(b)) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      const w = b.get(k);
      if (w === undefined || !celEquals(v, w)) return false;
    }
    return true;
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array)
    return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** Orders two comparable CEL values (numbers, strings, bools, bytes); throws for anything else. */
export function celCompare(a: CelValue, b: CelValue): number {
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  throw new Error(`no such overload: cannot compare ${typeof a} with ${typeof b}`);
}
