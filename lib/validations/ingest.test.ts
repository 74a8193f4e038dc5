import { describe, expect, it } from "vitest";
import { scanFiles } from "@/lib/scanner";
import { TRUSTED_REGISTRY_POLICY } from "@/test/factories";
import { ingestScanResultSchema } from "./ingest";

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
        'not a policy control "run-as-non-root" (an object that is not a workload has vap:<policy> results only)',
      ],
    ]);
  });
});
