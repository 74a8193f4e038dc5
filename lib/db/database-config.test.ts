import { describe, expect, it } from "vitest";
import { describeDatabase, resolveDatabaseConfig } from "./database-config";

describe("resolveDatabaseConfig", () => {
  it("defaults to PGlite under RAMPART_DATA_DIR, takes pglite:<dir>, pglite:memory and PostgreSQL URLs", () => {
    expect(resolveDatabaseConfig({}, "/srv")).toEqual({ kind: "pglite", dataDir: "/srv/.data/pglite" });
    expect(resolveDatabaseConfig({ RAMPART_DATA_DIR: "/var/lib/rampart" }, "/srv")).toEqual({
      kind: "pglite",
      dataDir: "/var/lib/rampart/pglite",
    });
    expect(resolveDatabaseConfig({ DATABASE_URL: "pglite:db" }, "/srv")).toEqual({
      kind: "pglite",
      dataDir: "/srv/db",
    });
    expect(resolveDatabaseConfig({ DATABASE_URL: "pglite:memory" })).toEqual({
      kind: "pglite",
      dataDir: "memory://",
    });
    expect(resolveDatabaseConfig({ DATABASE_URL: "postgresql://u:p@db:5432/rampart" })).toEqual({
      kind: "postgres",
      url: "postgresql://u:p@db:5432/rampart",
    });
  });

  it("rejects another scheme, naming the variable", () => {
    expect(() => resolveDatabaseConfig({ DATABASE_URL: "mysql://db/x" })).toThrow(/DATABASE_URL/);
  });
});

describe("describeDatabase", () => {
  it("never shows credentials", () => {
    const text = describeDatabase({
      kind: "postgres",
      url: "postgresql://rampart:s3cret@db.internal:5432/prod",
    });
    expect(text).toBe("PostgreSQL db.internal:5432/prod");
    expect(text).not.toContain("s3cret");
  });
});
