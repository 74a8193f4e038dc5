import { describe, expect, it } from "vitest";
import { scanFiles } from "@/lib/scanner";
import { TRUSTED_REGISTRY_POLICY } from "@/test/factories";
import { ingestScanResultSchema } from "./ingest";

const DEPLOYMENT =
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: apps}\nspec:\n  template:\n    spec:\n      containers: [{name: api, image: api:1}]\n";

describe("ingestScanResultSchema: objects that are not workloads", () => {
  const result = scanFiles([
    { path: "policy.yaml", content: TRUSTED_REGISTRY_POLICY },
    { path: "svc.yaml", content: "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: apps}\n" },
  ]);

  it("accepts their policy results and refuses any other control on them", () => {
    expect(result.resources?.map((r) => [r.kind, Object.keys(r.controls)])).toEqual([
      ["Service", ["vap:trusted-registry"]],
    ]);
    expect(ingestScanResultSchema.safeParse(result).success).toBe(true);
    const [service] = result.resources ?? [];
    const parsed = ingestScanResultSchema.safeParse({
      ...result,
      resources: [
        {
          ...service,
          controls: { ...service.controls, "run-as-non-root": service.controls["vap:trusted-registry"] },
        },
      ],
    });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      [
        "resources.0.controls.run-as-non-root",
        'not a custom control "run-as-non-root" (an object that is not a workload has vap:<policy> or <tool>:<policy>[/<rule>] results only)',
      ],
    ]);
  });

  it("accepts a tool's own control on any object, and names a malformed one", () => {
    const [service] = result.resources ?? [];
    const withControl = (id: string, on: "workloads" | "resources") => {
      const r = { status: "fail" as const, message: "missing label", containers: [] };
      return on === "resources"
        ? { ...result, resources: [{ ...service, controls: { [id]: r } }] }
        : {
            ...result,
            resources: [],
            workloads: [
              {
                ...(scanFiles([{ path: "d.yaml", content: DEPLOYMENT }]).workloads[0] ?? {}),
                controls: { [id]: r },
              },
            ],
          };
    };
    for (const on of ["workloads", "resources"] as const) {
      expect(
        ingestScanResultSchema.safeParse(withControl("kyverno:require-labels/check-for-labels", on)).success,
      ).toBe(true);
      expect(
        ingestScanResultSchema.safeParse(withControl("falco:falco-events/terminal-shell-in-container", on))
          .success,
      ).toBe(true);
      for (const bad of [
        "Kyverno:require-labels",
        "kyverno:require labels",
        "vap:Bad",
        "vap-:x",
        "kyverno:a/b/c",
        "kyverno:",
      ]) {
        const parsed = ingestScanResultSchema.safeParse(withControl(bad, on));
        expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual([`${on}.0.controls.${bad}`]);
      }
    }
  });
});
