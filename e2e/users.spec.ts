import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createProject, signIn } from "./helpers";

test("an instance admin creates an account, adds it to a program, and it signs in to that program only", async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-users");
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

  const email = `dana-${randomUUID().slice(0, 8)}@example.com`;
  const password = "dana-initial-password";
  const form = page.getByRole("form", { name: "Create an account" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("Dana Editor");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText(`Account ${email} created`);
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Dana Editor");

  // The same email again: refused, named.
  await form.getByLabel("Email").fill(email.toUpperCase());
  await form.getByLabel("Name").fill("Dana Again");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/Not created: an account for .* exists/)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(1);

  // Member management of the program takes the new account.
  await page.goto(`/projects/${slug}/settings`);
  await page.getByLabel("Account email").fill(email);
  await page.getByLabel("Role").selectOption("editor");
  await page.getByRole("button", { name: "Add or change" }).click();
  await expect(
    page.getByRole("table", { name: "Members" }).getByRole("row", { name: new RegExp(email) }),
  ).toBeVisible();
  await page.goto("/admin/users");
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText(`(editor)`);

  // Dana signs in: sees the program, not the user administration.
  const dana = await browser.newPage({ baseURL });
  await signIn(dana, { email, password });
  await expect(dana.getByRole("link", { name: new RegExp(slug) })).toBeVisible();
  await expect(dana.getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
  const hidden = await dana.goto("/admin/users");
  expect(hidden?.status()).toBe(404);
  const origin = new URL(dana.url()).origin;
  const refused = await dana.request.post("/api/v1/users", {
    data: { email: `x-${email}`, name: "x", password },
    headers: { origin },
  });
  expect(refused.status()).toBe(403);
  await dana.close();

  // Anonymous visitors are sent to sign in.
  const anonymous = await browser.newPage({ baseURL });
  await anonymous.goto("/admin/users");
  await expect(anonymous).toHaveURL(/\/sign-in\?returnTo=%2Fadmin%2Fusers/);
  await anonymous.close();
});
