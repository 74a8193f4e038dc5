import { beforeEach, describe, expect, it, vi } from "vitest";
import { getAuth } from "@/lib/auth/auth";
import { bootstrapAdminFromEnv } from "./bootstrap-admin";
import { getDb } from "./db";
import { completeSetup, createSetupLink, isSetupTokenValid } from "./first-run-setup";

const PASSWORD = "a long first admin password";
const tokenOf = (link: string | null) => new URL(link ?? "", "http://x").searchParams.get("token") ?? "";

// First-run setup only acts on a database without accounts: this file starts each test from one (test files
// take turns on the run's database, and each creates the accounts it needs).
beforeEach(async () => {
  const db = await getDb();
  await db.user.deleteMany();
  await db.setupToken.deleteMany();
});

describe("first-run setup", () => {
  it("setup links used concurrently (two restarts' links, each used twice at once) create exactly one instance admin", async () => {
    const links = [tokenOf(await createSetupLink()), tokenOf(await createSetupLink())];
    const attempts = await Promise.allSettled(
      [0, 1, 2, 3].map((i) =>
        completeSetup(links[i % 2], {
          name: `admin ${i}`,
          email: `first-${i}@example.com`,
          password: PASSWORD,
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const refused of attempts.filter((a) => a.status === "rejected")) {
      expect(String((refused as PromiseRejectedResult).reason)).toMatch(/invalid or has already been used/);
    }
    const db = await getDb();
    expect(await db.user.count()).toBe(1);
    expect(await db.user.count({ where: { instanceAdmin: true } })).toBe(1);
    expect(
      await db.auditLog.count({
        where: {
          action: "user.create",
          target: { in: [0, 1, 2, 3].map((i) => `user first-${i}@example.com`) },
        },
      }),
    ).toBe(1);
    // Every link is dead now, the unused one included.
    for (const token of links) expect(await isSetupTokenValid(token)).toBe(false);
    expect(await createSetupLink()).toBeNull();
  });

  it("a setup link is dead once any account exists, even one it did not create", async () => {
    const token = tokenOf(await createSetupLink());
    expect(await isSetupTokenValid(token)).toBe(true);
    await bootstrapAdminFromEnv({
      RAMPART_ADMIN_EMAIL: "headless@example.com",
      RAMPART_ADMIN_PASSWORD: PASSWORD,
    });
    expect(await isSetupTokenValid(token)).toBe(false);
    await expect(
      completeSetup(token, { name: "late", email: "late@example.com", password: PASSWORD }),
    ).rejects.toThrow(/invalid or has already been used/);
    expect(await (await getDb()).user.count()).toBe(1);
  });

  it("headless admin bootstrap: servers starting together create one admin and none fails (no unique-constraint crash)", async () => {
    const env = { RAMPART_ADMIN_EMAIL: "Boot@Example.com", RAMPART_ADMIN_PASSWORD: PASSWORD };
    const results = await Promise.all([1, 2, 3, 4].map(() => bootstrapAdminFromEnv(env)));
    expect(results.filter((r) => r === "boot@example.com")).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(3);
    const db = await getDb();
    expect(await db.user.findMany({ select: { email: true, instanceAdmin: true } })).toEqual([
      { email: "boot@example.com", instanceAdmin: true },
    ]);
    // A later start finds the admin and does nothing.
    expect(await bootstrapAdminFromEnv(env)).toBeNull();
  });
});

describe("sign-in at start-up", () => {
  it("better-auth does not warn that BETTER_AUTH_URL is unset when RAMPART_URL is not set (the quick start)", async () => {
    const warnings: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
      warnings.push(args.join(" "));
    });
    const publicUrl = process.env.RAMPART_URL;
    delete process.env.RAMPART_URL;
    (globalThis as { rampartAuth?: unknown }).rampartAuth = undefined;
    try {
      await (await getAuth()).$context;
    } finally {
      spy.mockRestore();
      if (publicUrl !== undefined) process.env.RAMPART_URL = publicUrl;
    }
    expect(warnings.filter((w) => /base url|BETTER_AUTH_URL/i.test(w))).toEqual([]);
  });
});
