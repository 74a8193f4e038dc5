import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const XSS = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;

test("responses carry the security headers (CSP without inline scripts, no framing, nosniff)", async ({
  request,
}) => {
  const response = await request.get("/");
  const csp = response.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});

test("hostile names and uploads render as text and never execute", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page);
  const slug = `e2e-xss-${randomUUID().slice(0, 8)}`;
  const origin = new URL(page.url()).origin;
  const created = await page.request.post("/api/v1/projects", {
    data: { slug, name: `Program ${XSS}`, description: `Notes ${XSS}` },
    headers: { origin },
  });
  expect(created.status()).toBe(201);

  await page.goto("/");
  await expect(page.getByRole("link", { name: `Program ${XSS}` })).toBeVisible();
  await page.goto(`/projects/${slug}/upload`);
  const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "evil"
  namespace: "ns"
  labels: { app.kubernetes.io/part-of: ${JSON.stringify(XSS)} }
spec:
  template:
    metadata: { labels: { app: evil } }
    spec:
      containers: [{ name: c, image: "x:1" }]
---
not: [valid yaml
`;
  await page.getByLabel("Environment").fill("production");
  await page
    .getByLabel("Choose files")
    .setInputFiles([{ name: "evil.yaml", mimeType: "application/yaml", buffer: Buffer.from(manifest) }]);
  await page.getByRole("button", { name: "Upload and scan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stored scan" })).toBeVisible();

  for (const path of ["/", `/projects/${slug}`, `/projects/${slug}/upload`]) {
    await page.goto(path);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }
  expect(dialogs).toEqual([]);
});
