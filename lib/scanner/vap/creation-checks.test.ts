/**
 * What the API server checks when a ValidatingAdmissionPolicy is created is checked when it is read: a policy whose
 * expression does not compile is refused with an error naming the policy, the field and the expression (it is not
 * evaluated, as it could not be created in a cluster). Audit annotations are evaluated on every matched object.
 */
import { describe, expect, it } from "vitest";
import { scanFiles } from "../scan.ts";

const policy = (spec: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: checked }
spec:
  matchConstraints:
    resourceRules:
    - { apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["deployments"] }
${spec}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: checked }
spec: { policyName: checked, validationActions: [Audit] }
`;
const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: apps }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`;
const scan = (spec: string, replicas = 3) =>
  scanFiles([
    { path: "policy.yaml", content: policy(spec) },
    { path: "app.yaml", content: deployment(replicas) },
  ]);

describe("policy creation checks", () => {
  it("refuses an expression that does not compile, naming the policy, field and expression", () => {
    const result = scan(`  validations:\n    - expression: "object.spec.replicas <="`);
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^ValidatingAdmissionPolicy checked: spec\.validations\[0\]\.expression "object\.spec\.replicas <=" does not compile: /,
      ),
    ]);
    expect(result.policies).toBeUndefined();
    expect(result.workloads[0].controls["vap:checked"]).toBeUndefined();
  });

  it("names the optional field syntax, which Rampart's CEL parser does not support", () => {
    const result = scan(`  validations:\n    - expression: "object.spec.?replicas.orValue(1) <= 5"`);
    expect(result.errors[0].message).toContain(
      'ValidatingAdmissionPolicy checked: spec.validations[0].expression "object.spec.?replicas.orValue(1) <= 5" does not compile',
    );
    expect(result.errors[0].message).toContain(
      "the optional field syntax .?field / [?key] is not supported by Rampart's CEL parser",
    );
  });

  it("checks messageExpressions, variables, matchConditions and audit annotations too", () => {
    for (const [spec, field] of [
      [
        `  validations:\n    - { expression: "true", messageExpression: "'a' +" }`,
        "spec.validations[0].messageExpression",
      ],
      [
        `  variables: [{ name: v, expression: "(" }]\n  validations: [{ expression: "true" }]`,
        "spec.variables[0].expression",
      ],
      [
        `  matchConditions: [{ name: m, expression: ")" }]\n  validations: [{ expression: "true" }]`,
        "spec.matchConditions[0].expression",
      ],
      [`  auditAnnotations: [{ key: k, valueExpression: "'" }]`, "spec.auditAnnotations[0].valueExpression"],
    ])
      expect(scan(spec).errors[0].message).toContain(`ValidatingAdmissionPolicy checked: ${field} `);
  });

  it("records audit annotations whose value is a string, none when it is null, and errors by failurePolicy", () => {
    const spec = `  auditAnnotations:
    - key: replicas
      valueExpression: "object.spec.replicas > 2 ? 'high: ' + string(object.spec.replicas) : null"`;
    const high = scan(spec, 3).workloads[0].controls["vap:checked"];
    expect(high).toMatchObject({
      status: "pass",
      validationActions: ["Audit"],
      auditAnnotations: { "checked/replicas": "high: 3" },
    });
    expect(scan(spec, 1).workloads[0].controls["vap:checked"].auditAnnotations).toBeUndefined();
    const wrongType = scan(`  auditAnnotations: [{ key: count, valueExpression: "object.spec.replicas" }]`);
    expect(wrongType.workloads[0].controls["vap:checked"]).toMatchObject({
      status: "fail",
      reason: "InternalError",
      message: expect.stringContaining("must return a string or null, not bigint"),
    });
  });
});
