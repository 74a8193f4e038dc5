import { beforeAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/report/render-markdown";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { findReport } from "./find-report";
import { loadDemoProgram } from "./load-demo-program";
import { PRUNE_ACTION, pruneScans, retentionDaysFromEnv } from "./prune-scans";

const generatedAt = new Date("2026-01-15T12:00:00Z");
const NOW = new Date("2026-06-01T00:00:00Z");

const store = (slug: string, environment: string, takenAt: string, name: string) =>
  createScan({
    actor: SYSTEM,
    projectSlug: slug,
    meta: { environment, takenAt },
    result: scanOf({ "apps.yaml": deploymentYaml(name, { hardened: false }) }, new Date(takenAt)),
    source: "rampart",
  });

async function scansOf(slug: string) {
  const db = await getDb();
  return db.scan.findMany({
    where: { project: { slug } },
    orderBy: { takenAt: "asc" },
    select: { id: true, takenAt: true, environment: { select: { name: true } } },
  });
}

describe("pruneScans on a program with a roadmap", () => {
  const slug = uniqueSlug("prune");
  const periods = ["week-1", "week-2-3", "week-4-5", "week-6-8"];
  const reports = () =>
    Promise.all(
      ["production", "dev"].flatMap((environment) =>
        periods.map(async (period) =>
          renderMarkdown(await findReport(SYSTEM, slug, { environment, period, generatedAt })),
        ),
      ),
    );

  beforeAll(async () => {
    await loadDemoProgram({ slug });
    // Day-to-day scans inside week 1 and week 2-3, between the ones the periods' reports compare.
    for (const day of ["2025-10-06", "2025-10-07", "2025-10-08"])
      await store(slug, "production", `${day}T12:00:00Z`, `extra-${day}`);
    for (const day of ["2025-10-14", "2025-10-20"])
      await store(slug, "production", `${day}T12:00:00Z`, "late");
  });

  it("keeps the scans every period's report compares: reports are byte-identical, and the prune is audited", async () => {
    const before = await reports();
    const all = await scansOf(slug);
    const dry = await pruneScans({ days: 30, now: NOW, dryRun: true, projectSlug: slug });
    expect((await scansOf(slug)).length).toBe(all.length);
    const pruned = await pruneScans({ days: 30, now: NOW, projectSlug: slug });
    expect(pruned).toEqual(dry);
    // The three scans inside week 1 and the middle one of the three inside week 2-3.
    const prunedDays = pruned.flatMap((p) => p.scans.map((s) => s.takenAt.slice(0, 10)));
    expect(prunedDays.sort()).toEqual(["2025-10-06", "2025-10-07", "2025-10-08", "2025-10-20"]);
    expect((await scansOf(slug)).length).toBe(all.length - 4);
    expect(await reports()).toEqual(before);
    const db = await getDb();
    const audit = await db.auditLog.findMany({ where: { project: { slug }, action: PRUNE_ACTION } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorLabel: "rampart", target: "environment production" });
    expect(audit[0].after).toMatchObject({ environment: "production", retentionDays: 30 });
    // Bounded: a second run finds nothing more to prune.
    expect(await pruneScans({ days: 30, now: NOW, projectSlug: slug })).toEqual([]);
  });
});

describe("pruneScans without a roadmap", () => {
  const slug = uniqueSlug("prune-bare");
  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Prune bare" });
    // Weekly scans from October to December, and one in the last 30 days.
    const start = Date.parse("2025-10-01T09:00:00Z");
    for (let week = 0; week < 13; week++)
      await store(slug, "staging", new Date(start + week * 7 * 86_400_000).toISOString(), "api");
    await store(slug, "staging", "2026-05-20T09:00:00Z", "api");
  });

  it("keeps the first and last scan of every month, the last before it, the latest two and the recent ones", async () => {
    const before = renderMarkdown(await findReport(SYSTEM, slug, { generatedAt }));
    const all = await scansOf(slug);
    await pruneScans({ days: 30, now: NOW, projectSlug: slug });
    const kept = (await scansOf(slug)).map((s) => s.takenAt.toISOString().slice(0, 10));
    expect(kept).toEqual([
      "2025-10-01",
      "2025-10-29",
      "2025-11-05",
      "2025-11-26",
      "2025-12-03",
      "2025-12-24",
      "2026-05-20",
    ]);
    expect(all.length - kept.length).toBe(7);
    expect(renderMarkdown(await findReport(SYSTEM, slug, { generatedAt }))).toBe(before);
  });

  it("reads its policy from RAMPART_RETENTION_DAYS, refusing a bad value by name", () => {
    expect(retentionDaysFromEnv({})).toBeNull();
    expect(retentionDaysFromEnv({ RAMPART_RETENTION_DAYS: " 90 " })).toBe(90);
    expect(() => retentionDaysFromEnv({ RAMPART_RETENTION_DAYS: "ninety" })).toThrow(
      /RAMPART_RETENTION_DAYS/,
    );
    expect(() => retentionDaysFromEnv({ RAMPART_RETENTION_DAYS: "0" })).toThrow(/RAMPART_RETENTION_DAYS/);
  });
});
