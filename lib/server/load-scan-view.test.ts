import { describe, expect, it } from "vitest";
import { computeHardeningMetrics } from "@/lib/metrics";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { loadScanView } from "./load-scan-view";

describe("loadScanView", () => {
  it("applies an exception added after the scan to the current view only, never to history", async () => {
    const slug = uniqueSlug("view");
    const project = await createProject(SYSTEM, { slug, name: "View test" });
    const { id } = await createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "production" },
      result: scanOf({
        "a.yaml": `${deploymentYaml("legacy", { hardened: false })}---\n${deploymentYaml("api")}`,
      }),
      source: "rampart",
    });
    const historical = await loadScanView(project.id, id);
    const legacy = (view: typeof historical) => view.workloads.find((w) => w.name === "legacy");
    expect(legacy(historical)?.controls["run-as-non-root"].status).toBe("fail");

    const db = await getDb();
    await db.exception.create({
      data: {
        projectId: project.id,
        selectorName: "legacy",
        controlId: "run-as-non-root",
        justification: "Vendor image, replacement planned for Q3",
        owner: "apps-team",
        expiresAt: new Date("2030-01-01"),
        createdBy: "test",
      },
    });
    const now = await loadScanView(project.id, id, { exceptionsAt: new Date() });
    expect(legacy(now)?.controls["run-as-non-root"]).toMatchObject({
      status: "waived",
      exception: { justification: "Vendor image, replacement planned for Q3" },
    });
    expect(legacy(now)?.controls["seccomp-profile"].status).toBe("fail");
    // After the exception expires it no longer waives; the stored history never changed.
    expect(
      legacy(await loadScanView(project.id, id, { exceptionsAt: new Date("2031-01-01") }))?.controls[
        "run-as-non-root"
      ].status,
    ).toBe("fail");
    expect(legacy(await loadScanView(project.id, id))?.controls["run-as-non-root"].status).toBe("fail");
    const stored = await db.controlResult.findFirstOrThrow({
      where: { scanId: id, controlId: "run-as-non-root", status: "fail" },
    });
    expect(stored.exception).toBeNull();

    // The figures read the same view: one of two applicable components enforced, the other noted as an exception.
    const [row] = computeHardeningMetrics(
      [
        {
          id: "non-root",
          label: "runAsNonRoot Enforced",
          kind: "control",
          control: "run-as-non-root",
          environment: "production",
          target: "all-applicable",
        },
      ],
      { production: now },
    );
    expect(row).toMatchObject({ achieved: 1, target: 1 });
    expect(row.waived.map((w) => w.justification)).toEqual(["Vendor image, replacement planned for Q3"]);
  });
});
