import { describe, expect, it } from "vitest";
import { findUnsafeText, int32, safeText, unsafeTextReason } from "./safe-text";

describe("safe text", () => {
  it.each([
    ["nul", "a\u0000b", /NUL/],
    ["lone high surrogate", "a\ud800b", /lone/],
    ["lone low surrogate", "\udc00", /lone/],
    ["high surrogate at the end", "abc\ud83d", /lone/],
  ])("refuses %s", (_name, value, reason) => {
    expect(unsafeTextReason(value)).toMatch(reason);
    expect(safeText().safeParse(value).success).toBe(false);
  });

  it.each(["plain", "emoji 😀 pair", "ünïcødé", "tab\tand\nnewline", ""])("accepts %j", (value) => {
    expect(unsafeTextReason(value)).toBeNull();
    expect(safeText().safeParse(value).success).toBe(true);
  });

  it("finds the first unsafe string or key anywhere, naming its path", () => {
    expect(findUnsafeText({ a: [{ b: "ok" }, { c: "x\u0000" }] })?.field).toBe("a[1].c");
    expect(findUnsafeText({ labels: { "bad\ud800": "v" } })).toMatchObject({
      field: 'labels["bad\\ud800"]',
      reason: expect.stringMatching(/^key /),
    });
    expect(findUnsafeText("\u0000")?.field).toBe("(root)");
    expect(findUnsafeText({ fine: ["😀", 1, null, true] })).toBeNull();
  });

  it("bounds integers to a 32-bit column", () => {
    expect(int32().safeParse(2_147_483_647).success).toBe(true);
    expect(int32().safeParse(3_000_000_000).success).toBe(false);
    expect(int32().safeParse(-2_147_483_649).success).toBe(false);
    expect(int32().safeParse(1.5).success).toBe(false);
  });
});
