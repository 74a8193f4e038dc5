/**
 * Walks every documentation example under fixtures/: each file holds one policy (with its bindings,
 * parameters and Namespaces) and `# expect: Kind/namespace/name status ["message"] [Actions]` lines (and
 * `# audit: Kind/namespace/name key "value"` for audit annotations); it is scanned with fixtures/objects.yaml through scanFiles, as the CLI would.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanFiles } from "../scan.ts";
import { scanResultSchema } from "../schema.ts";

const dir = join(import.meta.dirname, "fixtures");
const objects = { path: "objects.yaml", content: readFileSync(join(dir, "objects.yaml"), "utf8") };
const fixtures = readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "objects.yaml");
const EXPECT = /^# expect: (\S+)\/(\S*)\/(\S+) (pass|fail|n\/a)(?: "(.*?)")?(?: \[([A-Za-z,]+)\])?$/;
const AUDIT = /^# audit: (\S+)\/(\S*)\/(\S+) (\S+) "(.*)"$/;

describe("ValidatingAdmissionPolicy documentation examples", () => {
  it("has fixtures", () => expect(fixtures.length).toBeGreaterThanOrEqual(14));
  it.each(fixtures)("%s", (file) => {
    const content = readFileSync(join(dir, file), "utf8");
    const expectations = content.split("\n").flatMap((l) => {
      const m = EXPECT.exec(l);
      return m
        ? [
            {
              kind: m[1],
              namespace: m[2],
              name: m[3],
              status: m[4],
              message: m[5]?.replace(/\\"/g, '"'),
              actions: m[6]?.split(","),
            },
          ]
        : [];
    });
    expect(expectations.length).toBeGreaterThan(0);
    const result = scanFiles([objects, { path: file, content }], { now: new Date("2026-01-01T00:00:00Z") });
    expect(scanResultSchema.parse(result)).toBeTruthy();
    expect(result.errors).toEqual([]);
    expect(result.policies).toHaveLength(1);
    const policy = result.policies?.[0];
    expect(policy?.source).toBe(file);
    expect(policy?.hash).toMatch(/^[0-9a-f]{16}$/);
    const id = `vap:${policy?.name}`;
    const all = [...result.workloads, ...(result.resources ?? [])];
    for (const e of expectations) {
      const o = all.find((x) => x.kind === e.kind && x.namespace === e.namespace && x.name === e.name);
      expect(o, `${e.kind}/${e.namespace}/${e.name} in the result`).toBeDefined();
      const r = o?.controls[id];
      expect({ object: `${e.kind}/${e.name}`, status: r?.status }).toEqual({
        object: `${e.kind}/${e.name}`,
        status: e.status,
      });
      if (e.message) expect(r?.message).toBe(e.message);
      if (e.actions) expect(r?.validationActions).toEqual(e.actions);
    }
    const audits = content.split("\n").flatMap((l) => {
      const m = AUDIT.exec(l);
      return m ? [{ kind: m[1], namespace: m[2], name: m[3], key: m[4], value: m[5] }] : [];
    });
    for (const a of audits) {
      const o = all.find((x) => x.kind === a.kind && x.namespace === a.namespace && x.name === a.name);
      expect(o?.controls[id]?.auditAnnotations?.[`${policy?.name}/${a.key}`]).toBe(a.value);
    }
    const counts = result.summary.controls[id];
    const total = counts.pass + counts.fail + counts.waived + counts["n/a"];
    expect(total).toBe(all.filter((o) => o.controls[id]).length);
  });
});
