/**
 * A ValidatingAdmissionPolicy that no ValidatingAdmissionPolicyBinding references is not enforced by the
 * API server: it is listed in `policies[]` as "no binding: not evaluated", has no results, and every output
 * warns about it. A binding from any source (scanned files, `--policies`, a stored set) binds it.
 */
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../render/markdown.ts";
import { renderSarif } from "../render/sarif.ts";
import { renderTable } from "../render/table.ts";
import { scanFiles } from "../scan.ts";
import { scanResultSchema } from "../schema.ts";

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: max-replicas }
spec:
  matchConstraints:
    resourceRules:
    - { apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["deployments"] }
  validations:
    - expression: "object.spec.replicas <= 5"
`;
const BINDING = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: max-replicas-binding }
spec:
  policyName: max-replicas
  validationActions: [Warn]
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: big }
spec:
  replicas: 10
  selector: { matchLabels: { app: big } }
  template:
    metadata: { labels: { app: big } }
    spec: { containers: [{ name: app, image: "example.com/app:1.0" }] }
`;
const CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n";

const files = [
  { path: "deploy.yaml", content: DEPLOYMENT },
  { path: "cm.yaml", content: CONFIG_MAP },
];

describe("unbound ValidatingAdmissionPolicy", () => {
  it("in the scanned files: listed as not evaluated, no results, a note", () => {
    const result = scanFiles([...files, { path: "policy.yaml", content: POLICY }]);
    expect(scanResultSchema.parse(result)).toBeTruthy();
    expect(result.policies).toEqual([
      {
        name: "max-replicas",
        source: "policy.yaml",
        hash: expect.stringMatching(/^[0-9a-f]{16}$/),
        validationActions: [],
        bindings: [],
        notEvaluated: "no binding: not evaluated",
      },
    ]);
    expect(result.summary.controls["vap:max-replicas"]).toBeUndefined();
    expect(result.workloads[0].controls["vap:max-replicas"]).toBeUndefined();
    expect(result.resources).toBeUndefined();
    expect(result.errors).toEqual([]);
    expect(result.notes.map((n) => [n.file, n.message])).toContainEqual([
      "policy.yaml",
      "ValidatingAdmissionPolicy max-replicas: no binding: not evaluated; add a ValidatingAdmissionPolicyBinding with spec.policyName: max-replicas to evaluate it",
    ]);
  });

  it("given with --policies (or a stored set) alone: the same rule", () => {
    const result = scanFiles(files, { policies: [{ source: "policies/max.yaml", content: POLICY }] });
    expect(result.policies?.map((p) => [p.name, p.source, p.notEvaluated])).toEqual([
      ["max-replicas", "policies/max.yaml", "no binding: not evaluated"],
    ]);
    expect(result.workloads[0].controls["vap:max-replicas"]).toBeUndefined();
  });

  it("a binding from another source binds it (policy in --policies, binding in the scanned files)", () => {
    const result = scanFiles([...files, { path: "binding.yaml", content: BINDING }], {
      policies: [{ source: "policies/max.yaml", content: POLICY }],
    });
    expect(result.policies?.[0]).toMatchObject({
      bindings: ["max-replicas-binding"],
      validationActions: ["Warn"],
    });
    expect(result.policies?.[0].notEvaluated).toBeUndefined();
    expect(result.workloads[0].controls["vap:max-replicas"]).toMatchObject({
      status: "fail",
      validationActions: ["Warn"],
    });
    expect(result.notes.filter((n) => n.message.includes("not evaluated"))).toEqual([]);
  });

  it("bound and unbound side by side: only the bound one is a control; every output warns", () => {
    const other = POLICY.replace("max-replicas", "other-rule");
    const result = scanFiles([...files, { path: "policy.yaml", content: `${POLICY}---\n${BINDING}` }], {
      policies: [{ source: "policies/other.yaml", content: other }],
    });
    expect(result.policies?.map((p) => [p.name, p.notEvaluated ?? "evaluated"])).toEqual([
      ["max-replicas", "evaluated"],
      ["other-rule", "no binding: not evaluated"],
    ]);
    expect(Object.keys(result.summary.controls).filter((id) => id.startsWith("vap:"))).toEqual([
      "vap:max-replicas",
    ]);
    expect(result.resources?.[0].controls).toEqual({
      "vap:max-replicas": expect.objectContaining({ status: "n/a" }),
    });
    const table = renderTable(result);
    expect(table).toMatch(/vap:max-replicas +0 +1/);
    expect(table).not.toMatch(/vap:other-rule +\d/);
    expect(table).toContain("ValidatingAdmissionPolicy other-rule: no binding: not evaluated");
    const md = renderMarkdown(result);
    expect(md).toContain("## Policies not evaluated");
    expect(md).toContain("- ⚠ `vap:other-rule` (policies/other.yaml): no binding: not evaluated");
    expect(md).not.toContain("(`vap:other-rule`");
    const run = (
      renderSarif(result) as {
        runs: {
          tool: { driver: { rules: { id: string }[] } };
          invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
        }[];
      }
    ).runs[0];
    expect(run.tool.driver.rules.map((r) => r.id).filter((id) => id.startsWith("vap:"))).toEqual([
      "vap:max-replicas",
    ]);
    expect(run.invocations[0].toolExecutionNotifications).toContainEqual({
      level: "warning",
      message: {
        text: "ValidatingAdmissionPolicy other-rule (policies/other.yaml): no binding: not evaluated.",
      },
    });
  });
});
