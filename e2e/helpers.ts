import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

/** The instance admin the e2e server bootstraps (playwright.config.ts sets RAMPART_ADMIN_*). */
export const ADMIN = { email: "admin@rampart.test", password: "e2e-admin-password-123" };

export async function signIn(page: Page, account = ADMIN) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Each spec seeds its own project through the API, as the signed-in admin. */
export async function createProject(page: Page, prefix: string): Promise<string> {
  const slug = `${prefix}-${randomUUID().slice(0, 8)}`;
  const baseURL = new URL(page.url()).origin;
  const response = await page.request.post("/api/v1/projects", {
    data: { slug, name: `${prefix} ${slug}` },
    headers: { origin: baseURL },
  });
  expect(response.status(), await response.text()).toBe(201);
  return slug;
}
