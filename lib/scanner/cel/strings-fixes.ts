/**
 * Corrections to @bufbuild/cel 0.6.1's strings extension where it departs from cel-go's documented
 * behaviour: replace(s, r, n) with a negative n replaces every occurrence, and split(sep, n) puts
 * the unsplit remainder in the n-th element (JS String.split drops it).
 */
import { type CelFunc, CelScalar, celMethod, listType } from "@bufbuild/cel";

export const stringFixes: CelFunc[] = [
  celMethod(
    "replace",
    CelScalar.STRING,
    [CelScalar.STRING, CelScalar.STRING, CelScalar.INT],
    CelScalar.STRING,
    function (s, r, n) {
      if (n < 0n) return this.split(s).join(r);
      let out = "";
      let rest = this;
      for (let i = 0n; i < n; i++) {
        const at = rest.indexOf(s);
        if (at < 0) break;
        out += rest.slice(0, at) + r;
        rest = rest.slice(at + s.length);
        if (s === "") {
          out += rest.slice(0, 1);
          rest = rest.slice(1);
        }
      }
      return out + rest;
    },
  ),
  celMethod(
    "split",
    CelScalar.STRING,
    [CelScalar.STRING, CelScalar.INT],
    listType(CelScalar.STRING),
    function (sep, n) {
      if (n === 0n) return [];
      const parts = this.split(sep);
      if (n < 0n || BigInt(parts.length) <= n) return parts;
      const k = Number(n) - 1;
      return [...parts.slice(0, k), parts.slice(k).join(sep)];
    },
  ),
];
