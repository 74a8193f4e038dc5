/**
 * A policy's vap:<name> control end to end on the server (issue 13 §3): stored with its scan (catalog row, results,
 * the scan's policy list), listed on the policies page with pass rates per scan and in the control pickers, waived
 * by a stored exception, and judged by an automatic exit criterion.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  demoProgramWithCriterion,
  deploymentYaml,
  scanOf,
  TRUSTED_REGISTRY_POLICY,
  uniqueSlug,
} from "@/test/factories";
import { SYSTEM } from "./actor";
import { createException } from "./create-exception";
import { createProgram } from "./create-program";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { findCustomControls } from "./find-custom-controls";
import { findPolicyOverview } from "./find-policy-overview";
import { findProgramFigures } from "./find-program-figures";
import { saveProgramPolicy } from "./save-program-policy";

const STORED_ONLY = TRUSTED_REGISTRY_POLICY.replaceAll("trusted-registry", "required-labels");

const fromHarbor = (name: string) =>
  deploymentYaml(name).replace(`registry.example/${name}`, `harbor.example.com/${name}`);

describe("policy controls", () => {
  const slug = uniqueSlug("policy-controls");
  const now = new Date("2025-10-21T12:00:00Z");
  const criterion = async () => {
    const { figures } = await findProgramFigures(SYSTEM, slug, { now, environment: "production" });
    const found = figures?.exitCriteria.phase.find((c) => c.id === "trusted-images");
    if (!found) throw new Error("no criterion");
    return found;
  };

  beforeAll(async () => {
    await createProgram({
      program: demoProgramWithCriterion(slug, {
        id: "trusted-images",
        title: "No image from outside our registry",
        controls: ["vap:trusted-registry"],
      }),
      createdBy: "test",
      visibility: "private",
    });
    await saveProgramPolicy(SYSTEM, slug, "labels", { text: STORED_ONLY, source: "policies/labels.yaml" });
    for (const [takenAt, api] of [
      ["2025-10-12T10:00:00Z", deploymentYaml("api")],
      ["2025-10-20T10:00:00Z", fromHarbor("api")],
    ] as const) {
      await createScan({
        actor: SYSTEM,
        projectSlug: slug,
        meta: { environment: "production", takenAt },
        result: scanOf(
          { "policy.yaml": TRUSTED_REGISTRY_POLICY, "apps.yaml": `${api}---\n${deploymentYaml("legacy")}` },
          new Date(takenAt),
        ),
        source: "rampart",
      });
    }
  });

  it("stores the results, the catalog entry and the scan's policy list", async () => {
    const db = await getDb();
    const results = await db.controlResult.findMany({
      where: { controlId: "vap:trusted-registry", scan: { project: { slug } } },
      select: { status: true, component: { select: { name: true } }, scan: { select: { takenAt: true } } },
      orderBy: [{ scan: { takenAt: "asc" } }, { component: { name: "asc" } }],
    });
    expect(results.map((r) => [r.component.name, r.status])).toEqual([
      ["api", "fail"],
      ["legacy", "fail"],
      ["api", "pass"],
      ["legacy", "fail"],
    ]);
    expect(await db.control.findUnique({ where: { id: "vap:trusted-registry" } })).toMatchObject({
      category: "policy",
    });
  });

  it("lists stored and scanned policies with their pass rate per scan, and the custom controls", async () => {
    const overview = await findPolicyOverview(SYSTEM, slug);
    expect(overview.entries.map((e) => [e.name, e.source, e.policies])).toEqual([
      ["labels", "policies/labels.yaml", ["required-labels"]],
    ]);
    const [labels, trusted] = overview.policies;
    expect(labels).toMatchObject({ name: "required-labels", storedIn: "labels", scanned: [] });
    expect(labels.storedBindings).toEqual([{ name: "required-labels", validationActions: ["Deny"] }]);
    expect(trusted.control).toBe("vap:trusted-registry");
    expect(trusted.scanned).toHaveLength(1);
    expect(trusted.scanned[0]).toMatchObject({
      environment: "production",
      source: "policy.yaml",
      validationActions: ["Deny"],
      bindings: ["trusted-registry"],
    });
    expect(trusted.scanned[0].hash).toMatch(/\S/);
    expect(overview.history.map((h) => h.rates.map((r) => [r.control, r.metRate]))).toEqual([
      [["vap:trusted-registry", 0]],
      [["vap:trusted-registry", 0.5]],
    ]);
    expect(await findCustomControls(SYSTEM, slug)).toEqual(["vap:required-labels", "vap:trusted-registry"]);
  });

  it("judges an exit criterion on the policy, names the failing component and honours an exception", async () => {
    const before = await criterion();
    expect(before).toMatchObject({ met: false, automatic: true, ratio: 0.5 });
    expect(before.failingComponents?.map((c) => c.label)).toEqual(["legacy"]);
    await createException(SYSTEM, slug, {
      selector: { kind: "Deployment", namespace: "apps", name: "legacy" },
      control: "vap:trusted-registry",
      justification: "vendor image, mirrored next quarter",
      owner: "platform",
    });
    const after = await criterion();
    expect(after).toMatchObject({ met: true, ratio: 1 });
    expect(after.evidence).toMatch(/^2 of 2 components pass vap:trusted-registry/);
    // The policies page reads the latest scan as the current view: the waiver counts there, not in the past.
    const { history } = await findPolicyOverview(SYSTEM, slug);
    expect(history.map((h) => h.rates.map((r) => [r.metRate, r.waived]))).toEqual([[[0, 0]], [[1, 1]]]);
  });
});
