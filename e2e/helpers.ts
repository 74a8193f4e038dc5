import { randomUUID } from "node:crypto";
import { type Cookie, expect, type Page } from "@playwright/test";

/** The instance admin the e2e server bootstraps (playwright.config.ts sets RAMPART_ADMIN_*). */
export const ADMIN = { email: "admin@rampart.test", password: "e2e-admin-password-123" };

/** Session cookies per account: sign-in is rate limited (5 a minute per client, as in production). */
const sessions = new Map<string, Cookie[]>();

/**
 * Signs in through the form the first time, then reuses that session in later tests (one worker runs the
 * suite), so that the whole suite stays under the sign-in rate limit.
 */
export async function signIn(page: Page, account = ADMIN) {
  const saved = sessions.get(account.email);
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto("/");
    if (await page.getByRole("button", { name: "Sign out" }).isVisible()) return;
    await page.context().clearCookies();
  }
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  sessions.set(account.email, await page.context().cookies());
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

/** Uploads manifests to a project's environment through the upload API (the server scans and stores them). */
export async function uploadManifests(
  page: Page,
  slug: string,
  files: Record<string, string>,
  environment = "production",
) {
  const origin = new URL(page.url()).origin;
  const multipart = new FormData();
  for (const [name, content] of Object.entries(files)) {
    multipart.append("files", new Blob([content], { type: "application/yaml" }), name);
  }
  const response = await page.request.post(
    `/api/v1/projects/${slug}/uploads?environment=${encodeURIComponent(environment)}`,
    { multipart, headers: { origin } },
  );
  expect(response.status(), await response.text()).toBe(201);
}

/** A Deployment that fails the hardening controls (no security context). */
export function unhardenedDeployment(name: string, namespace = "apps"): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${JSON.stringify(name)}
  namespace: ${namespace}
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: app, image: "registry.example/app:1.0" }]
`;
}
