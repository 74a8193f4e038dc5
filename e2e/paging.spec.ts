import { expect, type Page, test } from "@playwright/test";
import { createProject, signIn, unhardenedDeployment } from "./helpers";

// Issue 14: a long scan history and a big components table are served one page at a time, the page (and the
// table's filters and sort) kept in the URL. 51 scans: two pages of 50; 60 components: two pages of 50.
const SCANS = 51;
const COMPONENTS = 60;
const names = Array.from({ length: COMPONENTS }, (_, i) => `svc-${String(i).padStart(2, "0")}`);

/**
 * Uploads manifests (the server scans them) with an ingest token; waits out the upload rate limit (30 a minute
 * per caller) when it answers 429.
 */
async function upload(page: Page, slug: string, token: string, files: Record<string, string>) {
  for (;;) {
    const multipart = new FormData();
    for (const [name, content] of Object.entries(files)) {
      multipart.append("files", new Blob([content], { type: "application/yaml" }), name);
    }
    const response = await page.request.post(`/api/v1/projects/${slug}/uploads?environment=production`, {
      multipart,
      headers: { authorization: `Bearer ${token}` },
      timeout: 120_000,
    });
    if (response.status() !== 429) {
      expect(response.status(), await response.text()).toBe(201);
      return;
    }
    const wait = Number(response.headers()["retry-after"] ?? 10);
    await page.waitForTimeout(Math.min(61, Math.max(1, wait)) * 1000);
  }
}

/** An ingest token of the project: each token is a caller of its own for the upload rate limit. */
async function ingestToken(page: Page, slug: string, name: string): Promise<string> {
  const created = await page.request.post(`/api/v1/projects/${slug}/tokens`, {
    data: { name, scope: "ingest" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { token: { token: string } }).token.token;
}

let slug = "";

test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  const page = await browser.newPage();
  await signIn(page);
  slug = await createProject(page, "e2e-paging");
  // 51 uploads: two tokens (the limit is 30 a minute per caller), so seeding never waits out a minute.
  const tokens = [await ingestToken(page, slug, "seed-1"), await ingestToken(page, slug, "seed-2")];
  const tokenFor = (i: number) => tokens[Math.floor(i / 30)];
  // 50 scans of one component, then the latest: 60 components.
  for (let i = 0; i < SCANS - 1; i++)
    await upload(page, slug, tokenFor(i), { "one.yaml": unhardenedDeployment("first") });
  await upload(page, slug, tokenFor(SCANS - 1), {
    "many.yaml": names.map((name) => unhardenedDeployment(name)).join("---\n"),
  });
  await page.close();
});

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

const history = (page: Page) => page.getByRole("table", { name: "Scans, newest first" });
const scanPages = (page: Page) => page.getByRole("navigation", { name: "Pages of scans" });
const compareForm = (page: Page) => page.getByRole("form", { name: "Compare two scans" });
const chosen = (page: Page, side: "From" | "To") =>
  compareForm(page).getByRole("combobox", { name: side, exact: true }).locator("option:checked");

test("the scan history pages by 50 with the page in the URL, and any two scans can be compared", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const scans = `/projects/${slug}/scans`;
  await page.goto(`${scans}?environment=production`);
  await expect(page.getByRole("heading", { name: `Scan history (production, ${SCANS})` })).toBeVisible();
  await expect(history(page).getByRole("row")).toHaveCount(50 + 1);
  await expect(scanPages(page)).toContainText("Page 1 of 2");
  await expect(page.getByText(`Scans 1–50 of ${SCANS}, newest first (page 1 of 2).`)).toBeVisible();
  // The compare form offers this page's scans (the default pair, the latest two, are among them), not all 51.
  await expect(
    compareForm(page).getByRole("combobox", { name: "To", exact: true }).locator("option"),
  ).toHaveCount(50);
  const latest = await chosen(page, "To").getAttribute("value");

  await scanPages(page).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(history(page).getByRole("row")).toHaveCount(1 + 1);
  await expect(scanPages(page)).toContainText("Page 2 of 2");
  await expect(scanPages(page).getByRole("link", { name: "Next" })).toHaveCount(0);

  // The oldest scan, on page 2, becomes "from"; "to" stays the latest, on page 1.
  const oldestRow = history(page).getByRole("row").nth(1);
  await oldestRow.getByRole("link", { name: /^Compare from the scan of / }).click();
  await expect(page).toHaveURL(/[?&]from=[^&]+/);
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  const oldest = new URL(page.url()).searchParams.get("from");
  await expect(chosen(page, "From")).toHaveAttribute("value", oldest ?? "");
  await expect(chosen(page, "To")).toHaveAttribute("value", latest ?? "");
  await expect(oldestRow).toContainText("from (chosen)");

  // Back to page 1: the choice travels in the URL, and the form still holds the oldest scan.
  await scanPages(page).getByRole("link", { name: "Previous" }).click();
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect(history(page).getByRole("row")).toHaveCount(50 + 1);
  await expect(chosen(page, "From")).toHaveAttribute("value", oldest ?? "");
  await compareForm(page).getByRole("button", { name: "Compare" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Compare scans of production: / })).toBeVisible();
  const diff = new URL(page.url());
  expect([diff.pathname, diff.searchParams.get("from"), diff.searchParams.get("to")]).toEqual([
    `${scans}/diff`,
    oldest,
    latest,
  ]);

  // A page past the end is the last page; a page that is not a number is the first: never an error.
  expect((await page.goto(`${scans}?environment=production&page=999`))?.status()).toBe(200);
  await expect(scanPages(page)).toContainText("Page 2 of 2");
  for (const bad of ["abc", "-1", "0", "1.5", "1e400"]) {
    expect((await page.goto(`${scans}?environment=production&page=${bad}`))?.status(), bad).toBe(200);
    await expect(scanPages(page)).toContainText("Page 1 of 2");
  }
});

test("the components table pages by 50 on the server, filters, sort and page kept in the URL", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const components = `/projects/${slug}/components`;
  const rowNames = async () =>
    page.getByRole("region", { name: "Components" }).locator("tbody th[scope=row] a").allTextContents();
  const pages = page.getByRole("navigation", { name: "Pages of components" });

  await page.goto(components);
  await expect(page.getByText(`${COMPONENTS} components (page 1 of 2, 50 per page)`)).toBeVisible();
  expect(await rowNames()).toEqual(names.slice(0, 50));

  await pages.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByText(`${COMPONENTS} components (page 2 of 2, 50 per page)`)).toBeVisible();
  expect(await rowNames()).toEqual(names.slice(50));

  // Sort by name, descending, from the column header: back to page 1, the sort in the URL.
  await page.getByRole("button", { name: "Component", exact: true }).first().click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  await expect.poll(rowNames).toEqual(names.slice(10).reverse());

  // The whole view from a link: sort, direction and page.
  await page.goto(`${components}?sort=name&dir=desc&page=2`);
  await expect(page.getByText(`${COMPONENTS} components (page 2 of 2, 50 per page)`)).toBeVisible();
  expect(await rowNames()).toEqual(names.slice(0, 10).reverse());

  // A search narrows to one page: no page links.
  await page.goto(`${components}?q=svc-5`);
  await expect(page.getByText(`10 of ${COMPONENTS} components match`)).toBeVisible();
  expect(await rowNames()).toEqual(names.slice(50));
  await expect(pages).toHaveCount(0);

  // Past the end: the last page.
  expect((await page.goto(`${components}?page=7`))?.status()).toBe(200);
  await expect(page.getByText(`${COMPONENTS} components (page 2 of 2, 50 per page)`)).toBeVisible();
});
