import { expect, type Page, test } from "@playwright/test";

/** The public demo program (loaded on first start): readable without signing in. */
const OVERVIEW = "/projects/maestro";

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  // Failed requests are reported with their URL (the console's "Failed to load resource" has none).
  page.on("response", (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
  });
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) errors.push(msg.text());
  });
  return errors;
}

test("the overview shows the hardening table, maturity, work streams, charts and the latest scan's changes", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(OVERVIEW);
  await expect(page.getByRole("heading", { level: 1, name: "Maestro" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Upload a scan" })).toBeVisible();

  const table = page.getByRole("table", { name: /Kubernetes Hardening \(production\)/ });
  await expect(table).toBeVisible();
  const deployments = table.getByRole("row", { name: /Production Deployments/ });
  await expect(deployments.getByRole("cell").nth(0)).toHaveText("20");
  await expect(deployments.getByRole("cell").nth(1)).toHaveText("20");
  const runAsNonRoot = table.getByRole("row", { name: /runAsNonRoot/ });
  await expect(runAsNonRoot).toContainText("19");
  await expect(runAsNonRoot).toContainText("1 exception: promtail");

  await expect(
    page.getByText(/62% baseline \+ \(83% target − 62% baseline\).* program progress/),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Work streams" })).toBeVisible();
  await expect(page.getByRole("figure", { name: /Control pass rate over time/ })).toBeVisible();
  await expect(page.locator(".recharts-wrapper > svg.recharts-surface")).toHaveCount(2);
  await expect(page.getByRole("heading", { name: "Latest scan (production)" })).toBeVisible();
  await expect(page.getByText(/Changes from the 2025-10-25 scan to the 2025-11-29 scan/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Scan history" })).toBeVisible();
  await page.screenshot({ path: "test-results/dashboard-overview.png", fullPage: true });
  // What a 1440×900 screen shows: the top of the page, then the charts.
  await page.screenshot({ path: "test-results/dashboard-overview-top.png" });
  await page.getByRole("heading", { name: "Trends (production)" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/dashboard-overview-charts.png" });

  // The environment switcher is a link: the URL reproduces the view.
  await page.getByRole("navigation", { name: "Environment" }).getByRole("link", { name: "dev" }).click();
  await expect(page).toHaveURL(/environment=dev/);
  await expect(page.getByRole("table", { name: /Kubernetes Hardening \(dev\)/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Latest scan (dev)" })).toBeVisible();
  await page.screenshot({ path: "test-results/dashboard-overview-dev.png", fullPage: true });
  expect(errors).toEqual([]);
});

test("the components table filters by category and failing control through the URL; a component shows its history", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(`${OVERVIEW}/components`);
  await expect(page.getByRole("heading", { level: 1, name: "Components" })).toBeVisible();
  await expect(page.getByText("20 components", { exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: /Logging Stack/ })).toBeVisible();

  // Category filter: written to the URL, kept on reload.
  await page.getByLabel("Category").selectOption("Logging Stack");
  await expect(page).toHaveURL(/category=Logging\+Stack|category=Logging%20Stack/);
  await expect(page.getByRole("table", { name: /Core Platform/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Category")).toHaveValue("Logging Stack");
  await expect(page.getByRole("table", { name: /Core Platform/ })).toHaveCount(0);
  const logging = page.getByRole("table", { name: /Logging Stack/ });
  await expect(logging.getByRole("link", { name: "promtail" })).toBeVisible();
  await expect(logging.getByRole("row", { name: /promtail/ })).toContainText(/run-as-non-root/);
  await page.screenshot({ path: "test-results/dashboard-components.png", fullPage: true });

  // Failing-control filter on the dev environment, whose manifests are not all hardened.
  await page.goto(`${OVERVIEW}/components?environment=dev`);
  const failing = page.getByLabel("Failing control");
  const options = await failing
    .locator("option")
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ""));
  expect(options.length).toBeGreaterThan(0);
  const control = options.includes("run-as-non-root") ? "run-as-non-root" : options[0];
  await failing.selectOption(control);
  await expect(page).toHaveURL(new RegExp(`failing=${control}`));
  await expect(page).toHaveURL(/environment=dev/);
  await expect(page.getByText(/\d+ of \d+ components match/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Failing control")).toHaveValue(control);
  const rows = page.locator("table tbody tr");
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText(control);
  await page.screenshot({ path: "test-results/dashboard-components-failing.png", fullPage: true });

  // A component page: why it fails, the remediation and its history.
  await rows.first().getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Failing and waived controls" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(page.getByText("Remediation").first()).toBeVisible();
  await expect(page.getByText(/\d+ scans?, oldest first\./)).toBeVisible();

  // promtail in production: the documented exception.
  await page.goto(`${OVERVIEW}/components`);
  await page.getByRole("link", { name: "promtail" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "promtail" })).toBeVisible();
  const history = page.getByRole("table", { name: "Results across scans" });
  await expect(history.getByRole("row")).toHaveCount(5);
  await expect(history).toContainText("2025-10-05");
  await expect(history).toContainText("2025-11-29");
  const exceptions = page.getByRole("table", { name: /Exceptions that apply/ });
  await expect(exceptions.getByRole("row", { name: /^run-as-non-root / })).toContainText("platform-team");
  await page.screenshot({ path: "test-results/dashboard-component.png", fullPage: true });
  await page.getByRole("heading", { name: "History" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/dashboard-component-history.png" });
  expect(errors).toEqual([]);
});

test("an unknown program sends an anonymous visitor to sign in; an unknown component answers a real 404", async ({
  page,
}) => {
  await page.goto("/projects/no-such-program/components");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
  // Checked before anything streams: the status says it too, not only the page.
  const response = await page.goto(`${OVERVIEW}/components/no-such-component`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("This page could not be found.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Failing and waived controls" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/not-found.png" });
});
