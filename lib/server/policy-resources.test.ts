/**
 * A policy on objects that are not workloads (issue 13: "pass, fail or n/a per object, for any object"): a
 * Service's vap:<name> results are stored with the scan and counted by the policies page, an automatic exit
 * criterion and the diff, as a workload's are.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { demoProgramWithCriterion, deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createException } from "./create-exception";
import { createProgram } from "./create-program";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { findPolicyOverview } from "./find-policy-overview";
import { findProgramFigures } from "./find-program-figures";
import { findScanDiff } from "./find-scan-diff";

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: internal-services}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["services"]}
  validations:
  - expression: "!has(object.spec.type) || object.spec.type != 'LoadBalancer'"
    message: services stay inside the cluster
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: internal-services}
spec: {policyName: internal-services, validationActions: [Deny]}
`;

const service = (name: string, type: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: apps}\nspec: {type: ${type}, ports: [{port: 80}]}\n`;
const configMap =
  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: apps}\ndata: {a: b}\n";

describe("policy results on objects that are not workloads", () => {
  const slug = uniqueSlug("policy-resources");
  const scans: string[] = [];
  const ingest = async (takenAt: string, publicType: string) => {
    const created = await createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "production", takenAt },
      result: scanOf(
        {
          "policy.yaml": POLICY,
          "app.yaml": [
            deploymentYaml("api"),
            service("public", publicType),
            service("internal", "ClusterIP"),
            configMap,
          ].join("---\n"),
          // The same Service twice (two charts): one object, the scanner's first (by file name).
          "again.yaml": service("internal", "ClusterIP"),
        },
        new Date(takenAt),
      ),
      source: "rampart",
    });
    scans.push(created.id);
  };
  const criterion = async (now: Date) => {
    const { figures } = await findProgramFigures(SYSTEM, slug, { now, environment: "production" });
    const found = figures?.exitCriteria.phase.find((c) => c.id === "internal-services");
    if (!found) throw new Error("no criterion");
    return found;
  };

  beforeAll(async () => {
    await createProgram({
      program: demoProgramWithCriterion(slug, {
        id: "internal-services",
        title: "No service exposed outside the cluster",
        controls: ["vap:internal-services"],
      }),
      createdBy: "test",
      visibility: "private",
    });
    await ingest("2025-10-12T10:00:00Z", "LoadBalancer");
  });

  it("stores pass, fail or n/a for each object, workloads and others", async () => {
    const db = await getDb();
    const results = await db.controlResult.findMany({
      where: { controlId: "vap:internal-services", scanId: scans[0] },
      select: { status: true, message: true, component: { select: { kind: true, name: true } } },
      orderBy: [{ component: { kind: "asc" } }, { component: { name: "asc" } }],
    });
    expect(results.map((r) => [r.component.kind, r.component.name, r.status])).toEqual([
      ["ConfigMap", "settings", "na"],
      ["Deployment", "api", "na"],
      ["Service", "internal", "pass"],
      ["Service", "public", "fail"],
    ]);
    expect(results[3].message).toMatch(/services stay inside the cluster/);
    const stored = await db.scanResource.findMany({
      where: { scanId: scans[0] },
      select: { file: true, category: true, component: { select: { name: true } } },
      orderBy: { component: { name: "asc" } },
    });
    expect(stored.map((r) => [r.component.name, r.file, r.category])).toEqual([
      ["internal", "again.yaml", "Uncategorised"],
      ["public", "app.yaml", "Uncategorised"],
      ["settings", "app.yaml", "Uncategorised"],
    ]);
    const scan = await db.scan.findUniqueOrThrow({ where: { id: scans[0] }, select: { summary: true } });
    expect((scan.summary as { controls: Record<string, unknown> }).controls["vap:internal-services"]).toEqual(
      {
        pass: 1,
        fail: 1,
        waived: 0,
        "n/a": 2,
      },
    );
  });

  it("counts them in an automatic exit criterion, naming the failing Service; an exception waives it", async () => {
    const found = await criterion(new Date("2025-10-13T00:00:00Z"));
    expect(found).toMatchObject({ met: false, ratio: 0.5 });
    expect(found.evidence).toMatch(/^1 of 2 components pass vap:internal-services/);
    expect(found.failingComponents?.map((c) => c.label)).toEqual(["Service apps/public"]);
    // An exception granted for the Service waives it in the current view, as for a workload.
    await createException(SYSTEM, slug, {
      selector: { kind: "Service", namespace: "apps", name: "public" },
      control: "vap:internal-services",
      justification: "public API until the gateway lands",
      owner: "platform",
    });
    expect(await criterion(new Date("2025-10-13T00:00:00Z"))).toMatchObject({ met: true, ratio: 1 });
  });

  it("counts them in the policies page's pass rates and in the diff once fixed", async () => {
    await ingest("2025-10-20T10:00:00Z", "ClusterIP");
    const { history } = await findPolicyOverview(SYSTEM, slug);
    expect(history.map((h) => h.rates.map((r) => [r.control, r.pass, r.fail, r.metRate]))).toEqual([
      [["vap:internal-services", 1, 1, 0.5]],
      [["vap:internal-services", 2, 0, 1]],
    ]);
    expect(await criterion(new Date("2025-10-21T00:00:00Z"))).toMatchObject({ met: true, ratio: 1 });
    const { diff } = await findScanDiff(SYSTEM, slug, scans[0], scans[1]);
    expect(diff.fixed).toEqual([
      {
        kind: "Service",
        namespace: "apps",
        name: "public",
        category: "Uncategorised",
        file: "app.yaml",
        control: "vap:internal-services",
        from: "fail",
        to: "pass",
      },
    ]);
    expect(diff.totals).toMatchObject({ fixed: 1, regressed: 0, added: 0, removed: 0 });
  });
});
