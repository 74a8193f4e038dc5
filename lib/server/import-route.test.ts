import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/projects/[slug]/scans/route";
import { uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { getDb } from "./db";

const SAMPLES = path.join(process.cwd(), "lib", "importers", "samples");

let token = "";

function post(slug: string, body: string, query: string) {
  return POST(
    new Request(`http://rampart.test/api/v1/projects/${slug}/scans?${query}`, {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ slug }) },
  );
}

// Each other tool's sample output goes through the real ingest edge and comes back out of the database.
const samples: [string, string, string, boolean][] = [
  ["polaris-audit.json", "polaris", "polaris", false],
  ["kube-score.json", "kube-score", "kube_score", false],
  ["kubescape.json", "kubescape", "kubescape", false],
  ["trivy.sarif.json", "sarif", "sarif", true],
  ["checkov.sarif.json", "sarif", "sarif", true],
  ["kubescape.sarif.json", "sarif", "sarif", true],
  ["kube-score.sarif.json", "sarif", "sarif", true],
];

describe("importing other scanners' output through the ingest API", () => {
  const slug = uniqueSlug("import");
  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Import test" });
    token = (await createApiToken(SYSTEM, slug, { name: "ci", scope: "ingest" })).token;
  });

  it.each(samples)("%s is detected, mapped and stored", async (file, format, source, partial) => {
    const body = readFileSync(path.join(SAMPLES, file), "utf8");
    const response = await post(slug, body, `environment=${format}-auto`);
    expect(response.status).toBe(201);
    const { scan } = await response.json();
    const db = await getDb();
    const stored = await db.scan.findUniqueOrThrow({
      where: { id: scan.id },
      include: { results: true, workloads: true },
    });
    expect(stored.source).toBe(source);
    expect(stored.partialEvidence).toBe(partial);
    expect(stored.workloads.length).toBeGreaterThan(0);
    expect(stored.results.length).toBeGreaterThan(0);
    expect(stored.results.some((r) => r.status === "fail")).toBe(true);
    // The same file with its format named explicitly is the same scan (idempotent by content).
    const again = await post(slug, body, `environment=${format}-auto&format=${format}`);
    expect(again.status).toBe(200);
  });

  // Issue 11: the same tool run re-sent is a retry, but the tool run again (its own time changed) is a new scan,
  // even with identical findings: a reverted cluster must show as the regression it is.
  it("stores the same Polaris audit with a later AuditTime as a new scan (201), and its retry as the same (200)", async () => {
    const audit = JSON.parse(readFileSync(path.join(SAMPLES, "polaris-audit.json"), "utf8"));
    const later = JSON.stringify({ ...audit, AuditTime: "2026-03-03T09:14:07Z" });
    const first = await post(slug, JSON.stringify(audit), "environment=polaris-rerun");
    const rerun = await post(slug, later, "environment=polaris-rerun");
    const retry = await post(slug, later, "environment=polaris-rerun");
    expect([first.status, rerun.status, retry.status]).toEqual([201, 201, 200]);
    const [a, b, c] = await Promise.all([first.json(), rerun.json(), retry.json()]);
    expect(b.scan.id).not.toBe(a.scan.id);
    expect(c.scan.id).toBe(b.scan.id);
  });

  it("keeps findings that map to no Rampart control as other findings", async () => {
    const body = readFileSync(path.join(SAMPLES, "polaris-audit.json"), "utf8");
    const { scan } = await (await post(slug, body, "environment=other-findings")).json();
    const db = await getDb();
    const stored = await db.scan.findUniqueOrThrow({ where: { id: scan.id } });
    expect((stored.otherFindings as unknown[]).length).toBeGreaterThan(0);
  });

  it("rejects a tool's output of the wrong shape with a 422 naming the field", async () => {
    const response = await post(
      slug,
      JSON.stringify({ PolarisOutputVersion: "1.0", Results: {} }),
      "environment=x&format=polaris",
    );
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatch(/Results/);
  });

  it("rejects JSON in no known format", async () => {
    const response = await post(slug, JSON.stringify({ hello: "world" }), "environment=x");
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatch(/unrecognised scan format/);
  });
});
