import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const SNAPSHOT = path.join(
  process.cwd(),
  "examples/maestro/snapshots/02-week1-complete/infrastructure/kubernetes",
);

test("upload manifests from the UI: progress, the stored scan, and the history row", async ({
  page,
  request,
}) => {
  const slug = `e2e-upload-${randomUUID().slice(0, 8)}`;
  const created = await request.post("/api/v1/projects", { data: { slug, name: `Upload ${slug}` } });
  expect(created.status()).toBe(201);

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

test("an unknown program answers 404", async ({ page }) => {
  const response = await page.goto("/projects/no-such-program");
  expect(response?.status()).toBe(404);
});
