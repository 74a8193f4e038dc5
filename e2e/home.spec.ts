import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("health tells anyone only the status, and a signed-in instance admin the database, migrations and version", async ({
  page,
  request,
}) => {
  const anonymous = await request.get("/api/health");
  expect(anonymous.status()).toBe(200);
  expect(await anonymous.json()).toEqual({ status: "ok" });

  await signIn(page);
  const res = await page.request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(body.database.kind).toBe("pglite");
  // The server names its directory relative to where it runs (the standalone folder), so an absolute
  // E2E_DATA_DIR shows as ../../…/<name>/pglite: compare the directory's own name.
  expect(body.database.description).toMatch(/^PGlite at /);
  expect(body.database.description).toContain(
    `${path.basename(process.env.E2E_DATA_DIR ?? ".data/e2e")}/pglite`,
  );
  expect(body.migrations.status).toBe("up-to-date");
  expect(body.migrations.applied.length).toBeGreaterThan(0);
  expect(body.migrations.pending).toEqual([]);
  expect(body.writes).toEqual({ status: "ok" });
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
});

test("the home page shows the demo program loaded on first start, with figures from its scans", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Hardening programs" })).toBeVisible();
  const maestro = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Maestro" }) });
  await expect(maestro).toBeVisible();
  const production = maestro.getByRole("row", { name: /production/ });
  // The final demo snapshot: 20 production workloads, all running as non-root or waived.
  await expect(production.getByRole("cell").first()).toHaveText("20");
  await expect(production).toContainText("100%");
  await expect(production).toContainText("2025-11-29");
  // The README's screenshot: the demo program's overview, as a newcomer first sees it.
  await maestro.getByRole("link", { name: "Maestro" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Maestro" })).toBeVisible();
  await expect(page.locator(".recharts-wrapper > svg.recharts-surface").first()).toBeVisible();
  await page.screenshot({ path: "docs/screenshot.png" });
  expect(errors).toEqual([]);
});
