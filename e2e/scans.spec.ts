import { expect, type Page, test } from "@playwright/test";
import { createProject, signIn, unhardenedDeployment, uploadManifests } from "./helpers";

/** The public demo program: readable without signing in. */
const SCANS = "/projects/maestro/scans";

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("response", (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
  });
  return errors;
}

async function compare(page: Page, from: string, to: string) {
  const form = page.getByRole("form", { name: "Compare two scans" });
  const fromValue = await form
    .getByRole("combobox", { name: "From", exact: true })
    .locator("option", { hasText: from })
    .getAttribute("value");
  const toValue = await form
    .getByRole("combobox", { name: "To", exact: true })
    .locator("option", { hasText: to })
    .getAttribute("value");
  await form.getByRole("combobox", { name: "From", exact: true }).selectOption(fromValue ?? "");
  await form.getByRole("combobox", { name: "To", exact: true }).selectOption(toValue ?? "");
  await form.getByRole("button", { name: "Compare" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Compare scans of production: ${from} → ${to}` }),
  ).toBeVisible();
}

test("the scans page lists the history, opens a scan and compares two scans", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/projects/maestro");
  await page
    .getByRole("navigation", { name: "Program sections" })
    .getByRole("link", { name: "Scans" })
    .click();
  await expect(page).toHaveURL(/\/projects\/maestro\/scans\?environment=production/);
  await expect(page.getByRole("heading", { level: 1, name: "Scans" })).toBeVisible();
  const history = page.getByRole("table", { name: "Scans, newest first" });
  await expect(history.getByRole("row")).toHaveCount(5);
  // The compare form defaults to the previous and the latest scan.
  const form = page.getByRole("form", { name: "Compare two scans" });
  await expect(
    form.getByRole("combobox", { name: "From", exact: true }).locator("option:checked"),
  ).toContainText("2025-10-25");
  await expect(
    form.getByRole("combobox", { name: "To", exact: true }).locator("option:checked"),
  ).toContainText("2025-11-29");
  await page.screenshot({ path: "test-results/scans-history.png", fullPage: true });

  // One scan's detail.
  // The row's date links to the scan (its "from"/"to" links, named "Compare … the scan of <date>", pick it to compare).
  await history.getByRole("link", { name: /^2025-10-25/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Scan of production, 2025-10-25" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Controls" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Workloads (20)" })).toBeVisible();
  await expect(page.getByRole("row", { name: /maestro-worker/ }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /File errors \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Other findings \(\d+\)/ })).toBeVisible();
  await page.screenshot({ path: "test-results/scans-detail.png", fullPage: true });

  // 2025-10-11 → 2025-10-25: the regressions.
  await page.goto(SCANS);
  await compare(page, "2025-10-11", "2025-10-25");
  const regressed = page.getByRole("region", { name: /^Regressed \(/ });
  await expect(regressed).toContainText("maestro-worker");
  await expect(regressed).toContainText("feast-feature-server");
  await page.screenshot({ path: "test-results/scans-diff-regressed.png", fullPage: true });

  // 2025-10-25 → 2025-11-29 from the diff page's own form: the same components fixed.
  await compare(page, "2025-10-25", "2025-11-29");
  const fixed = page.getByRole("region", { name: /^Fixed \(/ });
  await expect(fixed).toContainText("maestro-worker");
  await expect(fixed).toContainText("feast-feature-server");
  await expect(page.getByRole("region", { name: /^Regressed \(/ })).not.toContainText("maestro-worker");
  await page.screenshot({ path: "test-results/scans-diff-fixed.png", fullPage: true });

  expect(errors).toEqual([]);
});

test("comparing scans of two environments says so, and an unknown scan is not found", async ({ page }) => {
  await page.goto(`${SCANS}?environment=production`);
  const production = await page
    .getByRole("form", { name: "Compare two scans" })
    .getByRole("combobox", { name: "To", exact: true })
    .locator("option")
    .first()
    .getAttribute("value");
  await page.goto(`${SCANS}?environment=dev`);
  const dev = await page
    .getByRole("form", { name: "Compare two scans" })
    .getByRole("combobox", { name: "To", exact: true })
    .locator("option")
    .first()
    .getAttribute("value");
  await page.goto(`${SCANS}/diff?from=${dev}&to=${production}`);
  await expect(
    page.getByText(/These two scans are of different environments \(dev and production\)/),
  ).toBeVisible();
  await page.screenshot({ path: "test-results/scans-diff-mismatch.png" });

  // Unknown ids are checked before anything streams: a real 404 with the not-found page.
  for (const path of [
    `${SCANS}/diff?from=nope&to=${production}`,
    `${SCANS}/diff?from=${production}&to=nope`,
    `${SCANS}/no-such-scan`,
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    await expect(page.getByText("This page could not be found.")).toBeVisible();
  }
  expect((await page.goto(`${SCANS}/${production}`))?.status()).toBe(200);
});

test("in a private program unknown ids answer 404 to a member, and anonymous visitors are sent to sign in", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-notfound");
  const base = `/projects/${slug}`;
  // The demo's scan exists, but in another program: not found here either.
  const demoScan = (await (await page.request.get("/api/v1/projects/maestro/scans")).json()).scans[0].id;
  const unknown = [
    `${base}/scans/no-such-scan`,
    `${base}/scans/${demoScan}`,
    `${base}/scans/diff?from=${demoScan}&to=${demoScan}`,
    `${base}/components/no-such-component`,
    `${base}/no-such-page`,
  ];
  for (const path of unknown) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  }
  for (const path of [base, `${base}/scans`, `${base}/components`, `${base}/roadmap`, `${base}/settings`]) {
    expect((await page.goto(path))?.status(), path).toBe(200);
  }

  const anonymous = await browser.newPage();
  for (const path of [...unknown.slice(0, 4), `${base}/settings`, "/projects/maestro/settings"]) {
    const response = await anonymous.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(anonymous, path).toHaveURL(/\/sign-in\?returnTo=/);
    expect(response?.request().redirectedFrom()?.url(), path).toContain(path.split("?")[0]);
  }
  await anonymous.close();
});

// Issue 11 (future-dated scans): a program admin can delete a scan from its page, audited.
test("a program admin deletes a scan from its page after confirming: the previous scan is the latest again, audited", async ({
  page,
}) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-delete-scan");
  await uploadManifests(page, slug, { "web.yaml": unhardenedDeployment("web") });
  await uploadManifests(page, slug, {
    "web.yaml": unhardenedDeployment("web"),
    "api.yaml": unhardenedDeployment("api"),
  });
  const scanIds = async (): Promise<string[]> =>
    (await (await page.request.get(`/api/v1/projects/${slug}/scans`)).json()).scans.map(
      (scan: { id: string }) => scan.id,
    );
  const [latest, previous] = await scanIds();

  await page.goto(`/projects/${slug}/scans/${latest}`);
  await page.getByRole("button", { name: "Delete scan…" }).click();
  await expect(
    page.getByRole("group", { name: /^Delete the scan of production taken .*\? This cannot be undone\.$/ }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Yes, delete the scan" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/scans(\\?|$)`));

  expect(await scanIds()).toEqual([previous]);
  expect((await page.goto(`/projects/${slug}/scans/${latest}`))?.status()).toBe(404);
  const { entries } = await (await page.request.get(`/api/v1/projects/${slug}/audit`)).json();
  expect(entries.map((e: { action: string; target: string }) => `${e.action} ${e.target}`)).toContain(
    `scan.delete scan ${latest}`,
  );
});
