import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { NotFoundError } from "./errors";
import { findComponent, findComponents } from "./find-components";
import { loadDemoProgram } from "./load-demo-program";

describe("findComponents on the demo", () => {
  const slug = uniqueSlug("components");
  beforeAll(() => loadDemoProgram({ slug }));

  it("lists the latest production scan's components with PSS level, failures and exceptions", async () => {
    const { environment, environments, scan, rows } = await findComponents(SYSTEM, slug);
    expect(environment).toBe("production");
    expect(environments).toEqual(["dev", "production"]);
    expect(scan?.takenAt.toISOString()).toBe("2025-11-29T15:20:00.000Z");
    expect(rows).toHaveLength(20);
    const promtail = rows.find((r) => r.name === "promtail");
    expect(promtail).toMatchObject({ kind: "DaemonSet", namespace: "logging", hasException: true });
    expect(promtail?.controls["run-as-non-root"]?.status).toBe("waived");
    // Only what the table reads travels to the browser: failing and waived controls, never passing ones.
    expect(new Set(Object.values(promtail?.controls ?? {}).map((c) => c.status))).toEqual(
      new Set(["waived"]),
    );
    expect(promtail?.pssLevel).toBeTruthy();
    expect(rows.filter((r) => r.failing.length > 0)).toEqual([]);
    expect(rows.filter((r) => r.hasException).map((r) => r.name)).toEqual(["promtail"]);
  });

  it("shows another environment's latest scan", async () => {
    const { environment, rows } = await findComponents(SYSTEM, slug, "dev");
    expect(environment).toBe("dev");
    expect(rows.length).toBeGreaterThan(0);
  });

  it("gives one component's results with messages, remediation and its exceptions", async () => {
    const { rows } = await findComponents(SYSTEM, slug);
    const promtail = rows.find((r) => r.name === "promtail");
    if (!promtail) throw new Error("promtail");
    const detail = await findComponent(SYSTEM, slug, promtail.componentId);
    expect(detail.component.name).toBe("promtail");
    expect(detail.environment).toBe("production");
    expect(detail.inLatestScan).toBe(true);
    expect(detail.workload?.containers.length).toBeGreaterThan(0);
    const rnr = detail.controls.find((c) => c.controlId === "run-as-non-root");
    expect(rnr?.status).toBe("waived");
    expect(rnr?.remediation).toMatch(/runAsNonRoot/);
    expect(rnr?.message).toBeTruthy();
    const exception = detail.exceptions.find((e) => e.controlId === "run-as-non-root");
    expect(exception).toMatchObject({ owner: "platform-team", active: true });
    expect(exception?.justification).toMatch(/root/);
  });

  it("writes the coverage controls' remediation for the component: its namespace, name and labels", async () => {
    const { rows } = await findComponents(SYSTEM, slug);
    const deployment = rows.find((r) => r.kind === "Deployment");
    if (!deployment) throw new Error("no Deployment in the demo");
    const detail = await findComponent(SYSTEM, slug, deployment.componentId);
    for (const id of ["network-policy", "pod-disruption-budget"]) {
      const snippet = detail.controls.find((c) => c.controlId === id)?.remediation ?? "";
      expect(snippet).toContain(`namespace: ${deployment.namespace}`);
      expect(snippet).toContain(`name: ${deployment.name}`);
      expect(snippet).not.toMatch(/<namespace>|<app>/);
    }
  });

  it("does not show another project's component", async () => {
    const { rows } = await findComponents(SYSTEM, slug);
    await expect(findComponent(SYSTEM, "some-other-project", rows[0].componentId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(findComponent(SYSTEM, slug, "no-such-component")).rejects.toBeInstanceOf(NotFoundError);
  });
});
