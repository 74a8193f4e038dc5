/** In-cluster policy reports (issue 13 §2) through the real ingest and upload edges, into the database and back. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postScan } from "@/app/api/v1/projects/[slug]/scans/route";
import { POST as postUpload } from "@/app/api/v1/projects/[slug]/uploads/route";
import { deploymentYaml, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { getDb } from "./db";

const SAMPLES = path.join(process.cwd(), "lib", "importers", "samples");
const read = (file: string) => readFileSync(path.join(SAMPLES, file), "utf8");
let token = "";

function post(slug: string, body: string, query: string, contentType?: string) {
  return postScan(
    new Request(`http://rampart.test/api/v1/projects/${slug}/scans?${query}`, {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${token}`, ...(contentType ? { "content-type": contentType } : {}) },
    }),
    { params: Promise.resolve({ slug }) },
  );
}

function upload(slug: string, name: string, content: string, query: string) {
  const form = new FormData();
  form.append("files", new File([content], name), name);
  return postUpload(
    new Request(`http://rampart.test/api/v1/projects/${slug}/uploads?${query}`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ slug }) },
  );
}

async function stored(id: string) {
  const db = await getDb();
  return db.scan.findUniqueOrThrow({
    where: { id },
    include: { results: { include: { component: true } }, workloads: { include: { component: true } } },
  });
}

const SAMPLE_FILES: [string, string, string, number][] = [
  // file, a Rampart control that fails in it, a tool's own control that fails in it, other findings kept (a pod
  // of a reported controller, a Falco event about no object)
  ["kyverno-policyreports.yaml", "run-as-non-root", "kyverno:require-team-label/check-for-labels", 1],
  ["trivy-operator-policyreports.yaml", "pss-host-path", "trivy:ksv020", 0],
  ["kubescape-operator-policyreports.yaml", "read-only-root-filesystem", "kubescape:c-0034", 0],
  ["falco-openreports.yaml", "", "falco:falco-events/terminal-shell-in-container", 1],
];

describe("in-cluster policy reports as scans", () => {
  const slug = uniqueSlug("polr");
  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Policy reports" });
    token = (await createApiToken(SYSTEM, slug, { name: "ci", scope: "ingest" })).token;
  });

  it.each(SAMPLE_FILES)(
    "%s: a YAML body is detected, stored as cluster evidence, and idempotent",
    async (file, failing, own, others) => {
      const body = read(file);
      const env = file.replace(/\.yaml$/, "");
      const response = await post(slug, body, `environment=${env}`);
      expect(response.status).toBe(201);
      const { scan } = await response.json();
      const s = await stored(scan.id);
      expect(s.source).toBe("policyreport");
      expect(s.evidence).toBe("cluster");
      expect(s.takenAt.toISOString().startsWith("2026-11-30")).toBe(true);
      expect((s.otherFindings as unknown[]).length).toBe(others);
      if (failing) expect(s.results.some((r) => r.controlId === failing && r.status === "fail")).toBe(true);
      expect(s.results.some((r) => r.controlId === own && r.status === "fail")).toBe(true);
      // Named explicitly, as YAML: the same scan.
      const again = await post(slug, body, `environment=${env}&format=policyreport`, "application/yaml");
      expect(again.status).toBe(200);
    },
  );

  it("a JSON body (kubectl -o json) stores the same results", async () => {
    const { parseReportText } = await import("@/lib/importers");
    const json = JSON.stringify(parseReportText(read("kyverno-policyreports.yaml")));
    const response = await post(slug, json, "environment=kyverno-json");
    expect(response.status).toBe(201);
    const s = await stored((await response.json()).scan.id);
    const checkout = s.results.filter((r) => r.component.name === "checkout");
    expect(checkout.find((r) => r.controlId === "pss-privileged")?.status).toBe("pass");
    expect(checkout.find((r) => r.controlId === "no-privilege-escalation")?.status).toBe("fail");
    expect(s.workloads.map((w) => w.component.name).sort()).toEqual(["checkout", "ledger"]);
  });

  it("an uploaded YAML file of reports is imported, while YAML manifests are still scanned as manifests", async () => {
    const reports = await upload(
      slug,
      "reports.yaml",
      read("trivy-operator-policyreports.yaml"),
      "environment=upload",
    );
    expect(reports.status).toBe(201);
    const a = await stored((await reports.json()).scan.id);
    expect([a.source, a.evidence]).toEqual(["policyreport", "cluster"]);
    const manifests = await upload(slug, "app.yaml", deploymentYaml("shop"), "environment=upload-manifests");
    expect(manifests.status).toBe(201);
    const b = await stored((await manifests.json()).scan.id);
    expect([b.source, b.evidence]).toEqual(["upload", "manifest"]);
  });

  it("refuses broken YAML (400) and a malformed result (422), naming where", async () => {
    const broken = await post(slug, "items: [1,\nkind: 2", "environment=bad", "application/yaml");
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatch(/request body: not valid JSON or YAML \(document 1, line/);
    const malformed = await post(
      slug,
      "apiVersion: wgpolicyk8s.io/v1alpha2\nkind: PolicyReport\nresults:\n- policy: p\n  result: failed\n",
      "environment=bad",
    );
    expect(malformed.status).toBe(422);
    expect((await malformed.json()).error).toMatch(/results\[0\]\.result/);
  });
});
