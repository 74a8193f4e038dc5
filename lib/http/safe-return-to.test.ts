import { describe, expect, it } from "vitest";
import { HOSTILE_RETURN_TOS } from "@/test/hostile-return-tos";
import { safeReturnTo } from "./safe-return-to";

describe("safeReturnTo (open redirect after sign-in)", () => {
  it.each(HOSTILE_RETURN_TOS)("sends %j home instead of off the site", (value) => {
    expect(safeReturnTo(value)).toBe("/");
  });

  it("refuses what is not a string (an array from a repeated query parameter, undefined)", () => {
    expect(safeReturnTo(["/a", "//evil.example"])).toBe("/");
    expect(safeReturnTo(undefined)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/admin/users", "/admin/users"],
    ["/projects/maestro/scans/diff?from=a&to=b", "/projects/maestro/scans/diff?from=a&to=b"],
    [
      "/projects/maestro/components?q=api%20gateway#table",
      "/projects/maestro/components?q=api%20gateway#table",
    ],
    ["/projects/a/../b", "/projects/b"],
  ])("keeps the site path %j (normalised to %j)", (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it("what it returns always resolves to the same origin, whatever site serves it", () => {
    for (const value of HOSTILE_RETURN_TOS) {
      const target = new URL(safeReturnTo(value), "http://127.0.0.1:3302");
      expect(target.origin, value).toBe("http://127.0.0.1:3302");
    }
  });
});
