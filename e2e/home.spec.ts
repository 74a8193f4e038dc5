import { expect, test } from "@playwright/test";

test("health reports the embedded database, applied migrations and the version", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.database.kind).toBe("pglite");
  expect(body.database.description).toContain(".data/e2e");
  expect(body.migrations.status).toBe("up-to-date");
  expect(body.migrations.applied.length).toBeGreaterThan(0);
  expect(body.migrations.pending).toEqual([]);
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
});

test("the home page loads and shows the programs", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Hardening programs" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Rampart" })).toBeVisible();
  expect(errors).toEqual([]);
});
