import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createProject, signIn } from "./helpers";

test("an API token is shown once, works for the CLI's push, records its last use, and stops when revoked", async ({
  page,
  playwright,
  baseURL,
}) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-tokens");
  await page.goto(`/projects/${slug}`);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();

  await page.getByLabel("Token name").fill("github-actions");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token").textContent()) ?? "";
  expect(secret).toMatch(/^rmp_/);
  const tokenRow = () =>
    page.getByRole("table", { name: "API tokens" }).getByRole("row", { name: /github-actions/ });
  await expect(tokenRow()).toContainText("never");

  // The CLI's request: a bearer token and no cookies.
  const cli = await playwright.request.newContext({ baseURL });
  const body = readFileSync(path.join(process.cwd(), "lib/importers/samples/polaris-audit.json"), "utf8");
  const pushed = await cli.post(`/api/v1/projects/${slug}/scans?environment=production`, {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    data: body,
  });
  expect(pushed.status()).toBe(201);

  await page.reload();
  await expect(tokenRow()).not.toContainText("never");
  await expect(page.getByRole("row", { name: /scan\.create/ }).first()).toContainText("token github-actions");
  await expect(page.getByTestId("new-token")).toHaveCount(0);

  await page.getByRole("button", { name: "Revoke token github-actions" }).click();
  await expect(tokenRow()).toContainText("revoked");
  const refused = await cli.post(`/api/v1/projects/${slug}/scans?environment=production`, {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    data: body,
  });
  expect(refused.status()).toBe(401);
  await page.screenshot({ path: "test-results/settings.png", fullPage: true });
  await cli.dispose();
});

test("a program admin deletes a program after typing its slug; it is gone for everyone", async ({ page }) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-delete");
  await page.goto(`/projects/${slug}/settings`);
  const remove = page.getByRole("button", { name: "Delete program" });
  await expect(remove).toBeDisabled();
  await page.getByLabel(`Type ${slug} to confirm`).fill(`${slug}-typo`);
  await expect(remove).toBeDisabled();
  await page.getByLabel(`Type ${slug} to confirm`).fill(slug);
  await remove.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: new RegExp(slug) })).toHaveCount(0);
  expect((await page.goto(`/projects/${slug}`))?.status()).toBe(404);
});
