/**
 * Walks lib/scanner/controls/fixtures/<control id>/{pass,fail,na}*.yaml (Polaris style): every workload
 * in a pass* file must pass the control, in fail* fail it, in na* be n/a.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanFiles } from "../scan.ts";
import { CONTROL_DEFINITIONS, controls } from "./index.ts";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const EXPECT = { pass: "pass", fail: "fail", na: "n/a" } as const;

describe("control fixtures", () => {
  for (const control of CONTROL_DEFINITIONS) {
    describe(control.id, () => {
      const dir = join(FIXTURES, control.id);
      const files = readdirSync(dir)
        .filter((f) => f.endsWith(".yaml"))
        .sort();

      it("has at least one pass and one fail fixture", () => {
        expect(files.some((f) => f.startsWith("pass"))).toBe(true);
        expect(files.some((f) => f.startsWith("fail"))).toBe(true);
      });

      for (const file of files) {
        const prefix = file.match(/^(pass|fail|na)/)?.[1] as keyof typeof EXPECT | undefined;
        it(`${file}`, () => {
          expect(prefix, `fixture name must start with pass, fail or na: ${file}`).toBeDefined();
          const content = readFileSync(join(dir, file), "utf8");
          const r = scanFiles([{ path: file, content }], { now: new Date("2026-01-01") });
          expect(r.errors).toEqual([]);
          expect(r.workloads.length).toBeGreaterThan(0);
          for (const w of r.workloads) {
            expect(
              w.controls[control.id].status,
              `${w.kind}/${w.name}: ${w.controls[control.id].message}`,
            ).toBe(EXPECT[prefix as keyof typeof EXPECT]);
          }
        });
      }
    });
  }
});

describe("control catalog", () => {
  it("has unique ids, one file per control and complete metadata", () => {
    const ids = controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = readdirSync(dirname(fileURLToPath(import.meta.url))).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts",
    );
    expect(files.map((f) => f.replace(/\.ts$/, "")).sort()).toEqual([...ids].sort());
    for (const c of controls) {
      expect(c.title.length).toBeGreaterThan(5);
      expect(c.rationale.length).toBeGreaterThan(20);
      expect(["critical", "high", "medium", "low"]).toContain(c.severity);
      expect(c.remediation).toMatch(/\n$/);
    }
  });

  it("is JSON-serialisable without evaluate functions", () => {
    const json = JSON.parse(JSON.stringify(controls));
    expect(json).toEqual(controls);
    for (const c of json) expect(c).not.toHaveProperty("evaluate");
  });

  it("remediation snippets are valid YAML", async () => {
    const { parseAllDocuments } = await import("yaml");
    for (const c of controls) {
      for (const d of parseAllDocuments(c.remediation)) expect(d.errors, c.id).toEqual([]);
    }
  });
});
