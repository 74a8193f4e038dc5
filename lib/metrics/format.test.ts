import { describe, expect, it } from "vitest";
import { formatPercent, joinList, nameList, plural } from "./format";

describe("format", () => {
  it("rounds percentages at the display edge only", () => {
    expect(formatPercent(12 / 19)).toBe("63%");
    expect(formatPercent(12 / 19, 1)).toBe("63.2%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(null)).toBe("n/a");
  });
  it("joins lists in prose", () => {
    expect(joinList([])).toBe("");
    expect(joinList(["a"])).toBe("a");
    expect(joinList(["a", "b", "c"])).toBe("a, b and c");
    expect(nameList(["a", "b", "c"], 2)).toBe("a, b and 1 more");
    expect(plural(1, "component")).toBe("1 component");
    expect(plural(2, "component")).toBe("2 components");
  });
});
