import fc from "fast-check";
import type { LabelSelector, LabelSelectorRequirement } from "kubernetes-types/meta/v1";
import { describe, expect, it } from "vitest";
import { matchesSelector } from "./selector.ts";

const key = fc.constantFrom("app", "tier", "env", "team", "app.kubernetes.io/name");
const value = fc.constantFrom("web", "api", "db", "prod", "dev", "");
const labels = fc.dictionary(key, value, { maxKeys: 5 });
const requirement: fc.Arbitrary<LabelSelectorRequirement> = fc.oneof(
  fc.record({
    key,
    operator: fc.constantFrom("In", "NotIn"),
    values: fc.array(value, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ key, operator: fc.constantFrom("Exists", "DoesNotExist") }),
);
const selector: fc.Arbitrary<LabelSelector> = fc.record(
  {
    matchLabels: fc.dictionary(key, value, { maxKeys: 3 }),
    matchExpressions: fc.array(requirement, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** Reference semantics, written independently of the implementation. */
function reference(sel: LabelSelector, l: Record<string, string>): boolean {
  const okLabels = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => k in l && l[k] === v);
  const okExpr = (sel.matchExpressions ?? []).every((r) => {
    const present = r.key in l;
    if (r.operator === "In") return present && (r.values ?? []).includes(l[r.key]);
    if (r.operator === "NotIn") return !present || !(r.values ?? []).includes(l[r.key]);
    if (r.operator === "Exists") return present;
    if (r.operator === "DoesNotExist") return !present;
    return false;
  });
  return okLabels && okExpr;
}

describe("label selector matching", () => {
  it("matches the reference semantics", () => {
    fc.assert(
      fc.property(selector, labels, (s, l) => matchesSelector(s, l) === reference(s, l)),
      { numRuns: 2000 },
    );
  });

  it("the empty selector selects everything", () => {
    fc.assert(fc.property(labels, (l) => matchesSelector({}, l)));
  });

  it("a selector built from a label set selects it (matchLabels and In)", () => {
    fc.assert(
      fc.property(labels, (l) => {
        const exprs = Object.entries(l).map(([k, v]) => ({ key: k, operator: "In", values: [v] }));
        return matchesSelector({ matchLabels: l }, l) && matchesSelector({ matchExpressions: exprs }, l);
      }),
    );
  });

  it("In and NotIn with the same values are complementary when the key is present", () => {
    fc.assert(
      fc.property(labels, key, fc.array(value, { minLength: 1 }), (l, k, vs) => {
        fc.pre(k in l);
        const a = matchesSelector({ matchExpressions: [{ key: k, operator: "In", values: vs }] }, l);
        const b = matchesSelector({ matchExpressions: [{ key: k, operator: "NotIn", values: vs }] }, l);
        return a !== b;
      }),
    );
  });

  it("Exists and DoesNotExist are complementary", () => {
    fc.assert(
      fc.property(labels, key, (l, k) => {
        const a = matchesSelector({ matchExpressions: [{ key: k, operator: "Exists" }] }, l);
        const b = matchesSelector({ matchExpressions: [{ key: k, operator: "DoesNotExist" }] }, l);
        return a !== b;
      }),
    );
  });

  it("adding requirements never selects more (monotonic)", () => {
    fc.assert(
      fc.property(selector, requirement, labels, (s, extra, l) => {
        const narrower = { ...s, matchExpressions: [...(s.matchExpressions ?? []), extra] };
        return !matchesSelector(narrower, l) || matchesSelector(s, l);
      }),
    );
  });

  it("an unknown operator selects nothing", () => {
    expect(
      matchesSelector(
        { matchExpressions: [{ key: "app", operator: "Like", values: ["web"] }] },
        { app: "web" },
      ),
    ).toBe(false);
  });
});
