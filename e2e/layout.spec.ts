import { expect, type Page, test } from "@playwright/test";
import { createProject, signIn } from "./helpers";

// No page may scroll sideways, on a desktop or a phone: wide tables scroll inside their own container.
const WIDTHS = [1440, 390] as const;

async function pageWidth(page: Page, path: string): Promise<{ scrollWidth: number; innerWidth: number }> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  // The charts load in their own chunk after the page: measure once everything is drawn. The pointer is moved
  // off the page so that no chart tooltip is open, and a chart still sizing itself to its container (its
  // ResizeObserver fires after the first paint, late on a loaded machine) is given a moment: an overflow that
  // lasts is what fails.
  await page.waitForLoadState("networkidle");
  await page.mouse.move(0, 0);
  const measure = () =>
    page.evaluate(() => ({
      scrollWidth: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
      innerWidth: window.innerWidth,
    }));
  let width = await measure();
  for (let i = 0; i < 10 && width.scrollWidth > width.innerWidth; i++) {
    await page.waitForTimeout(200);
    width = await measure();
  }
  return width;
}

async function everyPage(page: Page, emptySlug: string): Promise<string[]> {
  const demo = "/projects/maestro";
  const scans = (await (await page.request.get(`/api/v1${demo}/scans`)).json()) as {
    scans: { id: string }[];
  };
  expect(scans.scans.length).toBeGreaterThanOrEqual(2);
  const [latest, previous] = scans.scans;
  await page.goto(`${demo}/components`);
  const component = await page.locator(`a[href^="${demo}/components/"]`).first().getAttribute("href");
  expect(component).toBeTruthy();
  return [
    "/",
    "/projects/new",
    "/admin/users",
    demo,
    `${demo}/components`,
    component ?? "",
    `${demo}/roadmap`,
    `${demo}/exit-criteria`,
    `${demo}/exceptions`,
    `${demo}/scans`,
    `${demo}/scans/${latest.id}`,
    `${demo}/scans/diff?from=${previous.id}&to=${latest.id}`,
    `${demo}/report`,
    `${demo}/upload`,
    `${demo}/settings`,
    `/projects/${emptySlug}`,
    `/projects/${emptySlug}/components`,
    `/projects/${emptySlug}/roadmap`,
    "/projects/no-such-program",
  ];
}

test("no page scrolls sideways at 1440 px or at 390 px", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signIn(page);
  const emptySlug = await createProject(page, "e2e-layout");
  const paths = await everyPage(page, emptySlug);
  const anonymous = await browser.newPage();

  const tooWide: string[] = [];
  for (const width of WIDTHS) {
    for (const [visitor, path] of [
      ...paths.map((p) => [page, p] as const),
      [anonymous, "/sign-in"] as const,
      [anonymous, "/"] as const,
    ]) {
      await visitor.setViewportSize({ width, height: 900 });
      const { scrollWidth, innerWidth } = await pageWidth(visitor, path);
      expect(innerWidth).toBe(width);
      if (scrollWidth > innerWidth) tooWide.push(`${path} at ${width} px: ${scrollWidth} px wide`);
    }
  }
  await anonymous.close();
  expect(tooWide).toEqual([]);
});

test("a program without scans says so in one line on the home page, not with an empty table", async ({
  page,
}) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-no-scans");
  await page.goto("/");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: new RegExp(slug) }) });
  await expect(card.getByText("No scans yet")).toBeVisible();
  await expect(card.getByRole("table")).toHaveCount(0);
  // The demo, with scans, keeps its table of the latest scan per environment.
  const demo = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Maestro", exact: true }) });
  await expect(demo.getByRole("table")).toHaveCount(1);
});
