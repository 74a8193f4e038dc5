import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/ready/route";
import { listMigrationNames } from "@/lib/db/migrations";
import { closeConnection, getDb } from "./db";

const testDatabaseUrl = process.env.DATABASE_URL;

describe("GET /api/ready", () => {
  afterEach(async () => {
    process.env.DATABASE_URL = testDatabaseUrl;
    await closeConnection();
  });

  it("answers 200 when the database answers and every migration is applied", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true });
  });

  it("answers 503 while a migration of this build is not applied", async () => {
    const prisma = await getDb();
    const latest = (await listMigrationNames()).at(-1);
    // As if the newest migration had not run yet (a new image before its migration Job), then restored.
    await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${latest}`;
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ready: false, reason: "1 migration(s) not applied yet" });
    } finally {
      await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${latest}`;
    }
    expect((await GET()).status).toBe(200);
  });

  it("answers 503 when the database does not answer, naming no host", async () => {
    await closeConnection();
    process.env.DATABASE_URL = "postgresql://rampart@127.0.0.1:9/unreachable";
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toEqual({ ready: false, reason: "the database does not answer" });
  });
});
