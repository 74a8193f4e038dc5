/**
 * The program's stored policy set applied to server-side uploads (issue 13 §1): a stored policy and binding give
 * the uploaded manifests vap:<name> results; a stored policy without a binding is listed as not evaluated; a
 * changed stored policy is flagged by the scan diff instead of counting its result changes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/projects/[slug]/uploads/route";
import { deploymentYaml, uniqueSlug } from "@/test/factories";
import { trustedRegistryPolicy } from "@/test/policies";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { getDb } from "./db";
import { findScanDiff } from "./find-scan-diff";
import { saveProgramPolicy } from "./save-program-policy";

const policy = (registry: string) => trustedRegistryPolicy({ registry, binding: "trusted-registry-binding" });

const UNBOUND = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: max-replicas}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["deployments"]}
  validations:
  - expression: "object.spec.replicas <= 5"
`;

const MANIFESTS: [string, string][] = [
  ["k8s/api.yaml", deploymentYaml("api").replace("registry.example/api", "harbor.example.com/api")],
  ["k8s/legacy.yaml", deploymentYaml("legacy")],
];

let token = "";

async function upload(slug: string) {
  const form = new FormData();
  for (const [name, content] of MANIFESTS) form.append("files", new File([content], name), name);
  const response = await POST(
    new Request(`http://rampart.test/api/v1/projects/${slug}/uploads?environment=production`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ slug }) },
  );
  expect(response.status).toBe(201);
  return (await response.json()).scan.id as string;
}

async function results(scanId: string) {
  const db = await getDb();
  const rows = await db.controlResult.findMany({
    where: { scanId, controlId: { startsWith: "vap:" } },
    select: { controlId: true, status: true, message: true, component: { select: { name: true } } },
    orderBy: [{ controlId: "asc" }, { component: { name: "asc" } }],
  });
  return rows.map((r) => [r.controlId, r.component.name, r.status, r.message]);
}

describe("uploads evaluate the program's stored policy set", () => {
  const slug = uniqueSlug("upload-policies");
  let first = "";

  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Upload policies" });
    token = (await createApiToken(SYSTEM, slug, { name: "ui", scope: "ingest" })).token;
    await saveProgramPolicy(SYSTEM, slug, "trusted", {
      text: policy("harbor.example.com"),
      source: "policies/trusted.yaml",
    });
    await saveProgramPolicy(SYSTEM, slug, "replicas", { text: UNBOUND, source: "editor" });
    first = await upload(slug);
  });

  it("a stored policy with its binding gives the uploaded manifests vap:<name> results", async () => {
    expect(await results(first)).toEqual([
      ["vap:trusted-registry", "api", "pass", "passes 1 validation(s)"],
      ["vap:trusted-registry", "legacy", "fail", "images must come from harbor.example.com"],
    ]);
  });

  it("the scan lists both stored policies; the one without a binding is not evaluated", async () => {
    const db = await getDb();
    const scan = await db.scan.findUniqueOrThrow({ where: { id: first }, select: { policies: true } });
    expect(scan.policies).toEqual([
      {
        name: "max-replicas",
        source: "policy-set:replicas",
        hash: expect.any(String),
        validationActions: [],
        bindings: [],
        notEvaluated: "no binding: not evaluated",
      },
      {
        name: "trusted-registry",
        source: "policy-set:trusted",
        hash: expect.any(String),
        validationActions: ["Deny"],
        bindings: ["trusted-registry-binding"],
      },
    ]);
  });

  it("a changed stored policy is flagged by the diff, its result changes not counted as fixed or regressed", async () => {
    await saveProgramPolicy(SYSTEM, slug, "trusted", {
      text: policy("registry.example"),
      source: "policies/trusted.yaml",
    });
    const second = await upload(slug);
    expect(await results(second)).toEqual([
      ["vap:trusted-registry", "api", "fail", "images must come from registry.example"],
      ["vap:trusted-registry", "legacy", "pass", "passes 1 validation(s)"],
    ]);
    const { diff } = await findScanDiff(SYSTEM, slug, first, second);
    expect(diff.policiesChanged).toEqual([
      expect.objectContaining({ control: "vap:trusted-registry", name: "trusted-registry", changes: 2 }),
    ]);
    expect(diff.policiesChanged[0].fromHash).not.toBe(diff.policiesChanged[0].toHash);
    expect([...diff.fixed, ...diff.regressed].filter((c) => c.control.startsWith("vap:"))).toEqual([]);
  });
});
