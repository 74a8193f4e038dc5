import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createProject, signIn } from "./helpers";

const SNAPSHOT = path.join(
  process.cwd(),
  "examples/maestro/snapshots/02-week1-complete/infrastructure/kubernetes",
);

test("upload manifests from the UI: progress, the stored scan, and the history row", async ({ page }) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-upload");

  await page.goto(`/projects/${slug}`);
  await expect(page.getByText("No scans yet")).toBeVisible();
  await page.getByRole("link", { name: "Upload a scan" }).click();
  await expect(page.getByRole("heading", { name: "Upload a scan" })).toBeVisible();

  await page.getByLabel("Environment").fill("production");
  await page.getByLabel("Choose files").setInputFiles([
    {
      name: "deployment.yaml",
      mimeType: "application/yaml",
      buffer: readFileSync(path.join(SNAPSHOT, "deployment.yaml")),
    },
    {
      name: "logging-stack.yaml",
      mimeType: "application/yaml",
      buffer: readFileSync(path.join(SNAPSHOT, "logging-stack.yaml")),
    },
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a manifest") },
  ]);
  await expect(page.getByText("2 manifest file(s) selected")).toBeVisible();
  await expect(page.getByText("1 other file(s) ignored")).toBeVisible();
  await page.getByRole("button", { name: "Upload and scan" }).click();

  const status = page.getByRole("status").filter({ hasText: "Stored scan" });
  await expect(status).toContainText("production");
  await expect(status).toContainText("4 workload(s)");
  await page.screenshot({ path: "test-results/upload.png", fullPage: true });

  await status.getByRole("link", { name: "Back to the program" }).click();
  const rows = page.getByRole("table", { name: /scans/i }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Upload");
  await expect(rows.nth(1)).toContainText("production");
  await expect(rows.nth(1).getByRole("cell").nth(4)).toHaveText("4");
});

test("a private program sends anonymous visitors to sign in, exactly like one that does not exist", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-private");
  expect((await page.goto(`/projects/${slug}`))?.status()).toBe(200);
  expect((await page.goto("/projects/no-such-program"))?.status()).toBe(404);
  const anonymous = await browser.newPage();
  for (const path of [`/projects/${slug}`, "/projects/no-such-program"]) {
    await anonymous.goto(path);
    await expect(anonymous).toHaveURL(new RegExp(`/sign-in\\?returnTo=${encodeURIComponent(path)}`));
    await expect(anonymous.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
  await anonymous.close();
});
