import { describe, expect, it } from "vitest";
import { listMigrationNames } from "@/lib/db/migrations";
import { getHealth } from "./get-health";

describe("getHealth", () => {
  it("reports the database kind, every migration as applied and writes as working", async () => {
    const health = await getHealth();
    const expectedKind = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
    expect(health.database.kind).toBe(expectedKind);
    expect(health.status).toBe("ok");
    expect(health.migrations.status).toBe("up-to-date");
    expect(health.migrations.applied).toEqual(await listMigrationNames());
    expect(health.migrations.pending).toEqual([]);
    expect(health.writes).toEqual({ status: "ok" });
  });
});
