import { describe, expect, it } from "vitest";
import { isDiskFull } from "./storage-fault";

describe("isDiskFull", () => {
  it("finds a full disk however deep the drivers wrapped it", () => {
    // Prisma's known-request error around the driver adapter's error around PostgreSQL's.
    const prisma = Object.assign(new Error("Invalid `model.upsert()` invocation"), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "53100" } } },
    });
    expect(isDiskFull(prisma)).toBe(true);
    expect(isDiskFull(new Error("wrapped", { cause: { code: "53100" } }))).toBe(true);
    expect(isDiskFull(Object.assign(new Error("write failed"), { code: "ENOSPC" }))).toBe(true);
    expect(
      isDiskFull(new Error('could not write to file "pg_wal/xlogtemp.42": No space left on device')),
    ).toBe(true);
  });

  it("leaves every other error alone", () => {
    expect(isDiskFull(new Error("unique constraint failed", { cause: { code: "23505" } }))).toBe(false);
    expect(isDiskFull(Object.assign(new Error("gone"), { code: "ECONNRESET" }))).toBe(false);
    expect(isDiskFull("No space")).toBe(false);
    expect(isDiskFull(null)).toBe(false);
  });
});
