import { describe, expect, it } from "vitest";
import { firstIssue } from "@/lib/scanner/format-zod-error";
import { createExceptionSchema, updateExceptionSchema } from "./exception";

const valid = {
  selector: { kind: "DaemonSet", namespace: "logging", name: "promtail" },
  control: "run-as-non-root",
  justification: "Reads root-owned log files",
  owner: "platform-team",
  expires: "2027-06-30",
};

const fieldOf = (input: unknown, schema = createExceptionSchema) => {
  const r = schema.safeParse(input);
  return r.success ? null : firstIssue(r.error).field;
};

describe("createExceptionSchema", () => {
  it("accepts a documented exception, globs and no expiry, and trims text", () => {
    expect(createExceptionSchema.parse({ ...valid, owner: "  team  " }).owner).toBe("team");
    expect(
      createExceptionSchema.parse({ ...valid, selector: { name: "legacy-*", kind: "" }, expires: null })
        .selector,
    ).toEqual({ name: "legacy-*", kind: null });
  });

  it("names the offending field", () => {
    expect(fieldOf({ ...valid, justification: "   " })).toBe("justification");
    expect(fieldOf({ ...valid, owner: "" })).toBe("owner");
    expect(fieldOf({ ...valid, control: "no-such-control" })).toBe("control");
    expect(fieldOf({ ...valid, expires: "2027-02-30" })).toBe("expires");
    expect(fieldOf({ ...valid, expires: "next week" })).toBe("expires");
    expect(fieldOf({ ...valid, selector: {} })).toBe("selector.name");
    expect(fieldOf({ ...valid, selector: { name: "Bad Name<script>" } })).toBe("selector.name");
    expect(fieldOf({ ...valid, selector: { kind: "Deploy ment" } })).toBe("selector.kind");
    expect(fieldOf({ ...valid, justification: "x".repeat(4001) })).toBe("justification");
    expect(fieldOf({ ...valid, extra: 1 })).toBe("(root)");
    const { justification: _, ...withoutJustification } = valid;
    expect(fieldOf(withoutJustification)).toBe("justification");
  });
});

describe("updateExceptionSchema", () => {
  it("takes any subset of fields but not none", () => {
    expect(updateExceptionSchema.parse({ expires: null })).toEqual({ expires: null });
    expect(fieldOf({}, updateExceptionSchema as never)).toBe("justification");
    expect(fieldOf({ owner: " " }, updateExceptionSchema as never)).toBe("owner");
  });
});
