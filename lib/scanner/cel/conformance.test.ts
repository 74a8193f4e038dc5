/**
 * The CEL conformance suites (@bufbuild/cel-spec) run through Rampart's environment (env.ts: the Kubernetes
 * libraries, the strings and sets extensions, the cost meter, CEL inputs as maps/lists), for the features
 * policies use. A test counts only where its input and expected value are plain CEL values; the suites and
 * tests left out are listed below with the reason.
 */
import { tests as conformance } from "@bufbuild/cel-spec/testdata/conformance.js";
import type { SerializedIncrementalTestSuite } from "@bufbuild/cel-spec/testdata/tests.js";
import { type CelValue, celList, celMap, celUint } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { celEquals } from "./compare.ts";
import { evaluate } from "./env.ts";

/** Suites run. The others are left out: */
const SUITES = [
  "basic",
  "comparisons",
  "conversions",
  "fp_math",
  "integer_math",
  "lists",
  "logic",
  "macros",
  "string",
  "string_ext",
  "timestamps",
  "fields",
  "plumbing",
];
// Not run, with the reason:
// - proto2, proto3, proto2_ext, wrappers, enums, dynamic: protobuf messages, which admission objects are not;
// - optionals: the `.?` / `[?` syntax, which the @bufbuild/cel 0.6.1 parser rejects (see optional.ts);
// - namespace, block_ext, bindings_ext, encoders_ext, math_ext, macros2: containers, cel.block, cel.bind,
//   base64, math and two-variable comprehensions, which the Kubernetes environment does not offer;
// - parse: parser limits and error positions (the parser is @bufbuild/cel's, unchanged);
// - type_deductions: type checking, which Rampart does not do; unknowns: empty.

type Json = Record<string, unknown>;

class Unsupported extends Error {}

/** A conformance `Value` (proto JSON) as a CEL value; Unsupported for messages, types and enums. */
function fromValue(v: Json): CelValue {
  if ("int64Value" in v) return BigInt(v.int64Value as string);
  if ("uint64Value" in v) return celUint(BigInt(v.uint64Value as string));
  if ("doubleValue" in v) return Number(v.doubleValue);
  if ("stringValue" in v) return v.stringValue as string;
  if ("boolValue" in v) return v.boolValue as boolean;
  if ("nullValue" in v) return null;
  if ("bytesValue" in v) return new Uint8Array(Buffer.from(v.bytesValue as string, "base64"));
  if ("listValue" in v)
    return celList(((v.listValue as Json).values as Json[] | undefined)?.map(fromValue) ?? []);
  if ("mapValue" in v)
    return celMap(
      new Map(
        (((v.mapValue as Json).entries as Json[] | undefined) ?? []).map((e) => [
          fromValue(e.key as Json) as never,
          fromValue(e.value as Json),
        ]),
      ),
    );
  throw new Unsupported(Object.keys(v).join(","));
}

type Case = { name: string; expr: string; bindings: Record<string, CelValue>; expect: CelValue | "error" };

function cases(suite: SerializedIncrementalTestSuite, prefix: string): Case[] {
  const out: Case[] = [];
  for (const t of suite.tests ?? []) {
    const o = t.original as Json & { expr: string };
    if (o.container || o.checkOnly || o.typedResult) continue;
    try {
      const bindings: Record<string, CelValue> = {};
      for (const [k, b] of Object.entries((o.bindings as Record<string, Json>) ?? {}))
        bindings[k] = fromValue((b.value ?? {}) as Json);
      const expect = o.evalError ? "error" : o.value ? fromValue(o.value as Json) : true;
      out.push({ name: `${prefix}/${o.name}`, expr: o.expr, bindings, expect });
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
    }
  }
  for (const s of suite.suites ?? []) out.push(...cases(s, `${prefix}/${s.name}`));
  return out;
}

const same = (a: unknown, b: CelValue) =>
  typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b)
    ? true
    : celEquals(a as CelValue, b) && typeof a === typeof b;

/** Tests that Rampart's environment answers differently, with the reason (kept honest: each must still differ). */
const QUOTED = "backquoted field names (`a.`b-c``), which the @bufbuild/cel 0.6.1 parser rejects";
const DIFFERENT: Record<string, string> = {
  "fields/quoted_map_fields/field_access_slash": QUOTED,
  "fields/quoted_map_fields/field_access_dash": QUOTED,
  "fields/quoted_map_fields/field_access_dot": QUOTED,
  "fields/quoted_map_fields/has_field_slash": QUOTED,
  "fields/quoted_map_fields/has_field_dash": QUOTED,
  "fields/quoted_map_fields/has_field_dot": QUOTED,
  "fields/qualified_identifier_resolution/map_value_repeat_key_heterogeneous":
    "a map literal with keys 0 and 0u is not refused by @bufbuild/cel 0.6.1 (the same without Rampart's libraries)",
};

describe("CEL conformance suites in Rampart's environment", () => {
  const all =
    conformance.suites?.filter((s) => SUITES.includes(s.name)).flatMap((s) => cases(s, s.name)) ?? [];

  it("runs the supported suites", () => {
    expect(all.length).toBeGreaterThan(1000);
    expect(all.filter((c) => DIFFERENT[c.name])).toHaveLength(Object.keys(DIFFERENT).length);
  });

  it.each(all)("$name", ({ name, expr, bindings, expect: expected }) => {
    let actual: unknown;
    let error: Error | undefined;
    try {
      actual = evaluate(expr, bindings);
    } catch (e) {
      error = e as Error;
    }
    const ok = expected === "error" ? error !== undefined : error === undefined && same(actual, expected);
    if (DIFFERENT[name]) expect(ok, `${name} now conforms: remove it from DIFFERENT`).toBe(false);
    else
      expect(
        { ok, actual: error ? `error: ${error.message}` : String(actual) },
        `${expr} should be ${expected === "error" ? "an error" : String(expected)}`,
      ).toEqual({ ok: true, actual: expect.anything() });
  });
});
