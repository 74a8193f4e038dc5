import { expect, test } from "@playwright/test";
import { createProject, signIn, unhardenedDeployment, uploadManifests } from "./helpers";

test("an editor documents an exception for a failing control, edits it and revokes it; the component follows", async ({
  page,
}) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-exceptions");
  await uploadManifests(page, slug, { "legacy.yaml": unhardenedDeployment("legacy") });

  await page.goto(`/projects/${slug}`);
  await page
    .getByRole("navigation", { name: "Program sections" })
    .getByRole("link", { name: "Exceptions" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /exceptions/ })).toBeVisible();
  await expect(page.getByText("No stored exception")).toBeVisible();

  await page.getByRole("button", { name: "Add an exception" }).click();
  const form = page.getByRole("form", { name: "Add an exception" });
  await form.getByLabel("Control").selectOption("run-as-non-root");
  await form.getByLabel("Kind").fill("Deployment");
  await form.getByLabel("Workload name").fill("Legacy App"); // not a Kubernetes name: the server names the field
  await form.getByLabel("Owner").fill("apps-team");
  await form.getByLabel("Justification").fill("Vendor image runs as root until the Q3 rewrite");
  await form.getByRole("button", { name: "Add exception" }).click();
  await expect(form.getByRole("alert")).toContainText("selector.name");
  await expect(form.getByLabel("Workload name")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Workload name").fill("legacy");
  await form.getByRole("button", { name: "Add exception" }).click();
  await expect(form).toHaveCount(0);
  const row = page.getByRole("row", { name: /run-as-non-root/ });
  await expect(row).toContainText("Vendor image runs as root until the Q3 rewrite");
  await expect(row).toContainText("No expiry");
  await expect(row.getByRole("link", { name: "legacy" })).toBeVisible();
  await expect(row).toContainText(/Stored, added by admin@rampart\.test/);

  // The component page shows the control waived by it and links back.
  await row.getByRole("link", { name: "legacy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "legacy" })).toBeVisible();
  const waived = page
    .getByRole("listitem")
    .filter({ has: page.locator("code", { hasText: /^run-as-non-root$/ }) });
  await expect(waived).toContainText("Waived");
  await expect(waived).toContainText("Exception (stored)");
  await page.getByRole("link", { name: "run-as-non-root", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/exceptions#exception-`));

  // Edit: a new owner and an expiry within the next 14 days is flagged.
  const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole("button", { name: /^Edit the exception for run-as-non-root/ }).click();
  const edit = page.getByRole("form", { name: "Edit the exception" });
  await edit.getByLabel("Owner").fill("platform-team");
  await edit.getByLabel(/Expires/).fill(soon);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toHaveCount(0);
  await expect(row).toContainText("platform-team");
  await expect(row).toContainText(/Expires in [45] days/);
  await page.getByLabel("State").selectOption("expired");
  await expect(page.getByText("No exception matches these filters.")).toBeVisible();
  await page.getByLabel("State").selectOption("expiring");
  await expect(row).toBeVisible();
  await page.screenshot({ path: "test-results/exceptions.png", fullPage: true });

  // Revoke: the component fails the control again.
  await page.getByRole("button", { name: /^Revoke the exception for run-as-non-root/ }).click();
  await page.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(page.getByText("No stored exception")).toBeVisible();
  await page.goto(`/projects/${slug}/components`);
  await page.getByRole("link", { name: "legacy" }).first().click();
  const failing = page
    .getByRole("listitem")
    .filter({ has: page.locator("code", { hasText: /^run-as-non-root$/ }) });
  await expect(failing).toContainText("Fail");
  await expect(page.getByText("No documented exception applies to this component.")).toBeVisible();

  // Every change is in the audit log, before → after.
  await page.goto(`/projects/${slug}/settings`);
  for (const action of ["exception.create", "exception.update", "exception.delete"]) {
    await expect(page.getByRole("row", { name: new RegExp(action.replace(".", "\\.")) })).toHaveCount(1);
  }
});

test("anonymous visitors see the demo's exceptions read-only, with their source", async ({ page }) => {
  await page.goto("/projects/maestro/exceptions");
  await expect(page.getByRole("heading", { level: 1, name: /exceptions/ })).toBeVisible();
  const row = page.getByRole("row", { name: /run-as-non-root/ }).first();
  await expect(row).toContainText("platform-team");
  await expect(row).toContainText("added by rampart-demo");
  await expect(row.getByRole("link", { name: "promtail" }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Add an exception" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
  await page.screenshot({ path: "test-results/exceptions-demo.png", fullPage: true });
  const refused = await page.request.post("/api/v1/projects/maestro/exceptions", {
    data: { selector: { name: "x" }, control: "run-as-non-root", justification: "j", owner: "o" },
  });
  expect(refused.status()).toBe(403); // readable (public) but not editable
});
