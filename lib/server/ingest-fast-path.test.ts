/**
 * createScan writes a scan's ScanAggregate row and its components' runs (ComponentRun) from its own account of
 * the rows it inserted, without reading them back (issue 14, ingest speed). These must be the rows the SQL over
 * the raw rows writes: the start-up backfill (storeScanAggregates(db)) recomputes both from ScanWorkload,
 * ScanResource and ControlResult; here every ingested row is compared with the backfill's, byte for byte (the
 * jsonb text, so the order of the aggregate's entries counts), on a history with workloads, objects that only
 * policies judge, a stored exception, an exceptions-file waiver, components that come and go and a scan ingested
 * out of order.
 */
import { describe, expect, it } from "vitest";
import { scanFiles } from "@/lib/scanner";
import { deploymentYaml, svcOneRunAsNonRootException, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { storeScanAggregates } from "./store-scan-aggregates";
import { syncControlCatalog } from "./sync-control-catalog";

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: fast-path-services}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["services"]}
    - {apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["deployments"]}
  validations:
  - expression: "object.kind != 'Service' || !has(object.spec.type) || object.spec.type != 'LoadBalancer'"
    message: services stay inside the cluster
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: fast-path-services}
spec: {policyName: fast-path-services, validationActions: [Deny]}
`;

const service = (name: string, type: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: apps}\nspec: {type: ${type}, ports: [{port: 80}]}\n`;

/** The scan's exceptions file: waives svc-2's failing run-as-non-root (the waiver is stored with the result). */
const EXCEPTIONS = [
  { control: "run-as-non-root", selector: { name: "svc-2" }, justification: "vendor image", owner: "apps" },
];

/** Every derived row of the project's scans and components, as jsonb text (exact: key and entry order too). */
async function derivedRows(projectId: string) {
  const db = await getDb();
  const aggregates = await db.$queryRawUnsafe<{ scanId: string; components: string; resources: string }[]>(
    `SELECT a."scanId", a.components::text AS components, a.resources::text AS resources
     FROM "ScanAggregate" a JOIN "Scan" s ON s.id = a."scanId" WHERE s."projectId" = $1 ORDER BY a."scanId"`,
    projectId,
  );
  const runs = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT r."componentId", r."scanId", r."takenAt", r."lastScanId", r."lastTakenAt", r.count, r."gitRef",
       r.pattern, r."pssLevel", r.controls::text AS controls
     FROM "ComponentRun" r JOIN "Component" c ON c.id = r."componentId" WHERE c."projectId" = $1
     ORDER BY r."componentId", r."takenAt", r."scanId"`,
    projectId,
  );
  return { aggregates, runs };
}

describe("ingest's aggregate and runs (written without reading the rows back)", () => {
  it("equal what the SQL over the raw rows writes, on both databases", async () => {
    const slug = uniqueSlug("fast-path");
    const project = await createProject(SYSTEM, { slug, name: "Fast path" });
    const db = await getDb();
    await syncControlCatalog(db);
    await db.exception.create({ data: svcOneRunAsNonRootException(project.id) });
    const names = Array.from({ length: 9 }, (_, i) => `svc-${i}`);
    // Days 1, 2, 4, 5, then day 3 (older than the latest: out of order); one scan of another commit.
    for (const [n, day] of [1, 2, 4, 5, 3].entries()) {
      const takenAt = `2025-10-0${day}T10:00:00Z`;
      const app = names
        .filter((_, i) => (i + day) % 5 !== 0) // components come and go
        .map((name, i) =>
          deploymentYaml(name, { hardened: (i + day) % 3 === 0, namespace: i % 2 ? "apps" : "web" }),
        );
      await createScan({
        actor: SYSTEM,
        projectSlug: slug,
        meta: { environment: "production", takenAt, gitRef: n === 2 ? "feature" : "main" },
        result: scanFiles(
          [
            { path: "policy.yaml", content: POLICY },
            {
              path: "app.yaml",
              content: [...app, service("public", day % 2 ? "LoadBalancer" : "ClusterIP")].join("---\n"),
            },
            { path: "internal.yaml", content: service("internal", "ClusterIP") },
          ],
          { now: new Date(takenAt), exceptions: EXCEPTIONS },
        ),
        source: "rampart",
      });
    }
    const ingested = await derivedRows(project.id);
    expect(ingested.aggregates).toHaveLength(5);
    // The history holds resources, waivers of both kinds, runs longer than one scan and several runs.
    expect(ingested.aggregates.every((a) => a.resources.includes('"vap:fast-path-services"'))).toBe(true);
    expect(ingested.aggregates.some((a) => a.components.includes('"source": "stored"'))).toBe(true);
    expect(ingested.aggregates.some((a) => a.components.includes('"justification": "vendor image"'))).toBe(
      true,
    );
    expect(ingested.runs.some((r) => (r.count as number) > 1)).toBe(true);
    expect(new Set(ingested.runs.map((r) => r.componentId)).size).toBeLessThan(ingested.runs.length);

    // The backfill's rows, from the raw rows: the aggregates of scans without one, the runs of components without.
    const scans = ingested.aggregates.map((a) => a.scanId);
    await db.scanAggregate.deleteMany({ where: { scanId: { in: scans } } });
    await db.componentRun.deleteMany({ where: { component: { projectId: project.id } } });
    expect(await storeScanAggregates(db)).toBeGreaterThanOrEqual(scans.length);
    expect(await derivedRows(project.id)).toEqual(ingested);
  });
});
