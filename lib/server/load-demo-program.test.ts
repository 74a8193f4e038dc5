import { describe, expect, it } from "vitest";
import { uniqueSlug } from "@/test/factories";
import { getDb } from "./db";
import { loadDemoProgram } from "./load-demo-program";

describe("loadDemoProgram", () => {
  it("stores the Maestro program and every snapshot as a scan, with figures computed from the manifests", async () => {
    const slug = uniqueSlug("demo");
    const stored = await loadDemoProgram({ slug });
    const db = await getDb();
    const project = await db.project.findUniqueOrThrow({
      where: { slug },
      include: { environments: true, phases: { include: { periods: true, workStreams: true } } },
    });
    expect(project.environments.map((e) => e.name).sort()).toEqual(["dev", "production"]);
    // Every phase of the file is stored: Phase 1 (done), Phase 2 (the scans' hardening), Phase 3 (planned).
    const phases = [...project.phases].sort((a, b) => a.position - b.position);
    expect(phases.map((p) => p.key)).toEqual(["phase-1", "phase-2", "phase-3"]);
    expect(phases[1].periods.length).toBeGreaterThanOrEqual(4);
    expect(phases[1].workStreams.map((s) => s.name)).toContain("Network Policies");

    const scans = await db.scan.findMany({
      where: { projectId: project.id, environment: { name: "production" } },
      orderBy: { takenAt: "asc" },
      include: { results: { where: { controlId: "run-as-non-root" } } },
    });
    // The count is what was stored: a snapshot whose tree did not change for an environment adds no scan.
    expect(stored).toBe(await db.scan.count({ where: { projectId: project.id } }));
    expect(scans.length).toBeGreaterThanOrEqual(4);
    // The seed's story: 20 production components throughout, ~63% hardened at the start, all by the end.
    for (const scan of scans) expect(scan.workloadCount).toBe(20);
    const passing = (i: number) => scans[i].results.filter((r) => r.status === "pass").length;
    expect(passing(0)).toBe(12);
    expect(passing(scans.length - 1)).toBe(19);

    // Promtail's documented exceptions are stored and waive its failures at ingest.
    const exceptions = await db.exception.findMany({ where: { projectId: project.id } });
    expect(exceptions.length).toBeGreaterThan(0);
    // Documented when the history starts (the first snapshot), not on the day the demo is loaded.
    for (const e of exceptions) expect(e.createdAt.toISOString()).toBe("2025-10-05T08:30:00.000Z");
    const waived = await db.controlResult.count({
      where: { scanId: scans[scans.length - 1].id, status: "waived", component: { name: "promtail" } },
    });
    expect(waived).toBeGreaterThan(0);
  });
});
