/**
 * An environment with both manifest scans and a cluster's policy reports (issue 13 §2): the overview's figures
 * come from the manifests unless `evidence: "cluster"` is asked for, and say which.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { findProgramFigures } from "./find-program-figures";

describe("figures by evidence", () => {
  const slug = uniqueSlug("evidence");
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Evidence" });
    const scans = [
      ["manifest-1", "2026-11-20T10:00:00Z", "manifest", deploymentYaml("api", { hardened: false })],
      ["manifest-2", "2026-11-25T10:00:00Z", "manifest", deploymentYaml("api")],
      ["cluster", "2026-11-28T10:00:00Z", "cluster", deploymentYaml("api", { hardened: false })],
    ] as const;
    for (const [name, takenAt, evidence, yaml] of scans) {
      const scan = await createScan({
        actor: SYSTEM,
        projectSlug: slug,
        meta: { environment: "production", takenAt },
        result: scanOf({ [`${name}.yaml`]: yaml }, new Date(takenAt)),
        source: evidence === "cluster" ? "policyreport" : "rampart",
        evidence,
      });
      ids[name] = scan.id;
    }
  });

  it("defaults to the manifests, even when the cluster's reports are newer", async () => {
    const figures = await findProgramFigures(SYSTEM, slug, { environment: "production" });
    expect(figures.evidence).toBe("manifest");
    expect(figures.evidenceKinds).toEqual(["cluster", "manifest"]);
    expect(figures.latest?.id).toBe(ids["manifest-2"]);
    expect(figures.previous?.id).toBe(ids["manifest-1"]);
  });

  it("reads the cluster's reports when asked", async () => {
    const figures = await findProgramFigures(SYSTEM, slug, {
      environment: "production",
      evidence: "cluster",
    });
    expect(figures.evidence).toBe("cluster");
    expect(figures.latest?.id).toBe(ids.cluster);
    expect(figures.previous).toBeNull();
  });
});
