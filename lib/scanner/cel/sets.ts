/** cel-go's sets extension (ext/sets.go): contains, equivalent, intersects on lists. */
import { type CelFunc, type CelList, CelScalar, celFunc, listType } from "@bufbuild/cel";
import { celEquals } from "./compare.ts";

const LIST = listType(CelScalar.DYN);

function containsAll(a: CelList, b: CelList): boolean {
  const xs = [...a];
  for (const y of b) if (!xs.some((x) => celEquals(x, y))) return false;
  return true;
}

export const setFuncs: CelFunc[] = [
  celFunc("sets.contains", [LIST, LIST], CelScalar.BOOL, containsAll),
  celFunc("sets.equivalent", [LIST, LIST], CelScalar.BOOL, (a, b) => containsAll(a, b) && containsAll(b, a)),
  celFunc("sets.intersects", [LIST, LIST], CelScalar.BOOL, (a, b) => {
    const xs = [...a];
    for (const y of b) if (xs.some((x) => celEquals(x, y))) return true;
    return false;
  }),
];
