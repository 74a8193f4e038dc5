import { describe, expect, it } from "vitest";
import { z } from "zod";
import { firstIssue, formatPath, formatZodError } from "./format-zod-error.ts";

describe("formatPath", () => {
  it("joins keys with dots and indexes with brackets", () => {
    expect(formatPath(["phases", 0, "weeks", 1, "end"])).toBe("phases[0].weeks[1].end");
    expect(formatPath([2, "name"])).toBe("[2].name");
  });

  it("quotes keys that are not plain identifiers, so dotted label keys stay one segment", () => {
    expect(formatPath(["labels", "app.kubernetes.io/name"])).toBe('labels["app.kubernetes.io/name"]');
    expect(formatPath(["a b"])).toBe('["a b"]');
  });

  it("is empty for the root", () => {
    expect(formatPath([])).toBe("");
  });
});

describe("zod errors", () => {
  const schema = z.object({ items: z.array(z.object({ name: z.string() })), count: z.number() });
  const error = schema.safeParse({ items: [{ name: 1 }] }).error as z.ZodError;

  it("firstIssue names the first field", () => {
    expect(firstIssue(error)).toEqual({ field: "items[0].name", message: expect.stringMatching(/string/) });
  });

  it("firstIssue says (root) for a root-level problem", () => {
    expect(firstIssue(schema.safeParse(5).error as z.ZodError).field).toBe("(root)");
  });

  it("formatZodError gives one `file: path: message` line per issue", () => {
    const lines = formatZodError("rampart.yaml", error).split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^rampart\.yaml: items\[0\]\.name: /);
    expect(lines[1]).toMatch(/^rampart\.yaml: count: /);
  });
});
