import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { getDb } from "./db";
import { NotFoundError } from "./errors";
import { findComponentHistory } from "./find-component-history";
import { findLatestScans } from "./find-latest-scans";
import { loadDemoProgram } from "./load-demo-program";

describe("history queries on the demo", () => {
  const slug = uniqueSlug("history");
  beforeAll(() => loadDemoProgram({ slug }));

  it("findLatestScans gives each environment's newest scan", async () => {
    const latest = await findLatestScans(SYSTEM, slug);
    expect(latest.map((l) => l.environment)).toEqual(["dev", "production"]);
    const production = latest.find((l) => l.environment === "production");
    expect(production?.latest?.takenAt.toISOString()).toBe("2025-11-29T15:20:00.000Z");
    expect(production?.latest?.workloadCount).toBe(20);
  });

  it("findComponentHistory follows one component through every scan, oldest first", async () => {
    const db = await getDb();
    const worker = await db.component.findFirstOrThrow({
      where: { project: { slug }, name: "maestro-worker", environment: { name: "production" } },
    });
    const { component, scans } = await findComponentHistory(SYSTEM, slug, worker.id);
    expect(component.name).toBe("maestro-worker");
    expect(scans.map((s) => s.takenAt.toISOString().slice(0, 10))).toEqual([
      "2025-10-05",
      "2025-10-11",
      "2025-10-25",
      "2025-11-29",
    ]);
    // Its init container lost its securityContext in the third snapshot and got it back in the last.
    expect(scans.map((s) => s.controls["capabilities-drop-all"])).toEqual(["pass", "pass", "fail", "pass"]);
  });

  it("does not show another project's component", async () => {
    const db = await getDb();
    const any = await db.component.findFirstOrThrow({ where: { project: { slug } } });
    await expect(findComponentHistory(SYSTEM, "some-other-project", any.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
