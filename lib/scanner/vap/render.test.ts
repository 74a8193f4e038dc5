/** vap:* controls reach every output: table, Markdown, SARIF (one rule per policy) and the summary counts. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../render/markdown.ts";
import { renderSarif } from "../render/sarif.ts";
import { renderTable } from "../render/table.ts";
import { scanFiles } from "../scan.ts";

const dir = join(import.meta.dirname, "fixtures");
const read = (f: string) => readFileSync(join(dir, f), "utf8");
const result = scanFiles(
  [
    { path: "objects.yaml", content: read("objects.yaml") },
    { path: "cm.yaml", content: read("match-conditions.yaml") },
  ],
  {
    policies: [{ source: "policies/replicas.yaml", content: read("replica-limit-params.yaml") }],
  },
);

describe("policy controls in the outputs", () => {
  it("records each policy's source, hash and validation actions", () => {
    expect(result.policies?.map((p) => [p.name, p.source, p.validationActions])).toEqual([
      ["demo-policy.example.com", "cm.yaml", ["Deny"]],
      ["replicalimit-policy.example.com", "policies/replicas.yaml", ["Deny"]],
    ]);
    expect(result.summary.controls["vap:replicalimit-policy.example.com"]).toEqual({
      pass: 1,
      fail: 2,
      waived: 0,
      "n/a": 3,
    });
    // The ConfigMap is not a workload: it is kept under resources with its policy results.
    expect(
      result.resources?.find((r) => r.kind === "ConfigMap" && r.namespace === "default")?.controls[
        "vap:demo-policy.example.com"
      ].status,
    ).toBe("fail");
  });

  it("table and Markdown list the policy controls and failing non-workload objects", () => {
    const table = renderTable(result);
    expect(table).toMatch(/vap:replicalimit-policy\.example\.com +1 +2 +0 +3 +33%/);
    expect(table).toMatch(/default\/ConfigMap\/demo-config +vap:demo-policy\.example\.com/);
    const md = renderMarkdown(result);
    expect(md).toContain(
      "| Policy replicalimit-policy.example.com (`vap:replicalimit-policy.example.com`, Deny) | policy | 1 | 2 | 0 | 3 | 33% |",
    );
    expect(md).toContain("| ConfigMap default/demo-config | vap:demo-policy.example.com |");
  });

  it("SARIF has one rule per policy and a result per failing object", () => {
    const run = (
      renderSarif(result) as {
        runs: {
          tool: { driver: { rules: { id: string }[] } };
          results: { ruleId: string; message: { text: string } }[];
        }[];
      }
    ).runs[0];
    const ids = run.tool.driver.rules.map((r) => r.id).filter((id) => id.startsWith("vap:"));
    expect(ids).toEqual(["vap:demo-policy.example.com", "vap:replicalimit-policy.example.com"]);
    const vap = run.results.filter((r) => r.ruleId.startsWith("vap:")).map((r) => r.message.text);
    expect(vap).toContain("Deployment default/big: object.spec.replicas must be no greater than 3.");
    expect(vap).toContain(
      "ConfigMap default/demo-config: failed expression: !object.metadata.name.contains('demo') || object.metadata.namespace == 'demo'.",
    );
    expect(vap).toHaveLength(3);
  });
});
