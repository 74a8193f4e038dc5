/**
 * CEL cost limits as the API server applies them: PerCallLimit (1,000,000) per expression, and one
 * RuntimeCELCostBudget (10,000,000) per policy evaluation shared by its expressions, with a separate
 * 2,500,000 for matchConditions. Over a limit is an evaluation error handled by failurePolicy.
 */
import { describe, expect, it } from "vitest";
import { scanFiles } from "../scan.ts";
import { BUDGET_EXCEEDED, CostBudget, PER_CALL_EXCEEDED } from "./cost.ts";
import { compile, evaluate } from "./env.ts";

const ints = (n: number) => Array.from({ length: n }, (_, i) => BigInt(i));

describe("CEL cost", () => {
  it("cheap expressions run; the cost of a loop grows with its list", () => {
    expect(evaluate("xs.all(a, a >= 0)", { xs: ints(1000) })).toBe(true);
    const budget = new CostBudget(1_000_000);
    compile("xs.all(a, a >= 0)")({ xs: ints(100) }, budget);
    const small = 1_000_000 - budget.remaining;
    compile("xs.all(a, a >= 0)")({ xs: ints(1000) }, budget);
    const large = 1_000_000 - small - budget.remaining;
    expect(small).toBeGreaterThan(100);
    expect(large).toBeGreaterThan(9 * small);
    // Deterministic: the same expression on the same input costs the same.
    const again = new CostBudget(1_000_000);
    compile("xs.all(a, a >= 0)")({ xs: ints(100) }, again);
    expect(1_000_000 - again.remaining).toBe(small);
  });

  it("nested all() over a large list stops at PerCallLimit instead of running 10^9 iterations", () => {
    expect(() => evaluate("xs.all(a, xs.all(b, xs.all(c, a + b + c >= 0)))", { xs: ints(1000) })).toThrow(
      PER_CALL_EXCEEDED,
    );
  });

  it("a cost error is reported even when the expression would swallow the error (true || error)", () => {
    const big = "x".repeat(6_000_000);
    expect(evaluate("s.size() > 0", { s: big })).toBe(true);
    expect(() => evaluate("true || (s + s + s).size() > 0", { s: big })).not.toThrow();
    expect(() => evaluate("(s + s).size() > 0 || true", { s: big })).toThrow(PER_CALL_EXCEEDED);
  });

  it("expressions sharing a budget stop once it is spent", () => {
    const budget = new CostBudget(2_500);
    const run = compile("xs.all(a, a >= 0)");
    run({ xs: ints(500) }, budget);
    expect(budget.remaining).toBeGreaterThan(0);
    expect(() => run({ xs: ints(500) }, budget)).toThrow(BUDGET_EXCEEDED);
    expect(() => run({ xs: ints(1) }, budget)).toThrow(BUDGET_EXCEEDED);
  });
});

const policy = (name: string, failurePolicy: string, validations: string[], matchConditions: string[] = []) =>
  `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: ${name} }
spec:
  failurePolicy: ${failurePolicy}
  matchConstraints:
    resourceRules:
    - { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["configmaps"] }
${matchConditions.length ? `  matchConditions:\n${matchConditions.map((e, i) => `  - name: m${i}\n    expression: ${JSON.stringify(e)}`).join("\n")}\n` : ""}  validations:
${validations.map((e) => `  - expression: ${JSON.stringify(e)}`).join("\n")}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: ${name}-binding }
spec:
  policyName: ${name}
  validationActions: [Deny]
`;

function configMap(data: Record<string, string>, list?: number) {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "big", namespace: "default" },
    data,
    ...(list ? { spec: { items: Array.from({ length: list }, (_, i) => i) } } : {}),
  });
}

function resultOf(policyText: string, object: string) {
  const result = scanFiles([
    { path: "policy.yaml", content: policyText },
    { path: "cm.json", content: object },
  ]);
  expect(result.errors).toEqual([]);
  const name = result.policies?.[0].name ?? "";
  return result.resources?.[0].controls[`vap:${name}`];
}

describe("cost limits in policies", () => {
  it("an expensive validation (nested all() over a large list) fails under failurePolicy Fail", () => {
    const r = resultOf(
      policy("nested-all", "Fail", ["object.spec.items.all(a, object.spec.items.all(b, a == b || a != b))"]),
      configMap({}, 2000),
    );
    expect(r?.status).toBe("fail");
    expect(r?.reason).toBe("InternalError");
    expect(r?.message).toContain(`resulted in error: ${PER_CALL_EXCEEDED}`);
  });

  it("is ignored under failurePolicy Ignore", () => {
    const r = resultOf(
      policy("concat", "Ignore", ["(object.data.s + object.data.s).size() > 0"]),
      configMap({ s: "x".repeat(6_000_000) }),
    );
    expect(r?.status).toBe("n/a");
    expect(r?.message).toContain(PER_CALL_EXCEEDED);
    expect(r?.message).toContain("(ignored: failurePolicy Ignore)");
  });

  it("validations share RuntimeCELCostBudget: each under PerCallLimit, together over 10,000,000", () => {
    // Each validation costs about 900,000 (a tenth of the 9M characters it builds).
    const each = "(object.data.s + '') != ''";
    const within = resultOf(
      policy("eleven", "Fail", Array(11).fill(each)),
      configMap({ s: "x".repeat(9_000_000) }),
    );
    expect(within?.status).toBe("pass");
    const over = resultOf(
      policy("twelve", "Fail", Array(12).fill(each)),
      configMap({ s: "x".repeat(9_000_000) }),
    );
    expect(over?.status).toBe("fail");
    expect(over?.message).toContain(BUDGET_EXCEEDED);
  });

  it("matchConditions have their own 2,500,000 budget", () => {
    const each = "(object.data.s + '') != ''";
    const cm = configMap({ s: "x".repeat(9_000_000) });
    expect(resultOf(policy("two", "Fail", ["true"], [each, each]), cm)?.status).toBe("pass");
    const over = resultOf(policy("three", "Fail", ["true"], [each, each, each]), cm);
    expect(over?.status).toBe("fail");
    expect(over?.message).toContain(
      `matchCondition m2: "${each.replace(/"/g, '\\"')}" resulted in error: ${BUDGET_EXCEEDED}`,
    );
  });
});
