import { expect, test } from "@playwright/test";

// The charts (recharts) are brought to life only after the load event, so their code neither delays the page nor
// costs its hydration (components/dashboard/LazyCharts.tsx). The server sends each chart's figure, caption, data
// table and a box of the chart's size; recharts draws the SVG in the browser.

test("a chart is the server's figure until its code arrives, then draws, with tooltips", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  // Hold back every script that holds recharts until the test lets it through.
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let loaded = false;
  page.once("load", () => {
    loaded = true;
  });
  const held: { url: string; afterLoad: boolean }[] = [];
  await page.route(/\/_next\/static\/chunks\/.+\.js$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes("recharts-wrapper")) {
      held.push({ url: route.request().url(), afterLoad: loaded });
      await released;
    }
    await route.fulfill({ response, body });
  });

  await page.goto("/projects/maestro", { waitUntil: "domcontentloaded" });
  const chart = page.getByRole("figure", { name: /Control pass rate over time/ });
  const svg = chart.locator(".recharts-wrapper > svg.recharts-surface");
  await expect(chart.getByRole("table")).toHaveCount(1);
  // A box of the chart's size holds its place (no layout shift when it draws).
  await expect(chart.locator('[aria-hidden="true"] > div')).toHaveCSS("height", "300px");
  // The page hydrates without the charts' code: React has taken over its elements.
  await page.waitForFunction(() => {
    const heading = document.querySelector("h1");
    return heading !== null && Object.keys(heading).some((key) => key.startsWith("__reactFiber"));
  });
  await expect(svg).toHaveCount(0);
  // The load event does not wait for the charts' code: it is asked for after it (and held back here).
  await page.waitForLoadState("load");
  await expect.poll(() => held.length).toBeGreaterThan(0);
  expect(held.filter((request) => !request.afterLoad)).toEqual([]);
  await expect(svg).toHaveCount(0);

  release();
  // Drawn now, and live: the pointer over the plot shows the tooltip of the nearest scan.
  await expect(svg).toBeVisible();
  await svg.scrollIntoViewIfNeeded();
  await expect(async () => {
    const box = await svg.boundingBox();
    if (!box) throw new Error("no chart box");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await expect(chart.locator(".recharts-default-tooltip")).toBeVisible({ timeout: 1_000 });
  }).toPass();
  expect(errors).toEqual([]);
});

test("a chart reached by client navigation renders too", async ({ page }) => {
  await page.goto("/projects/maestro/components");
  await page
    .getByRole("navigation", { name: "Program sections" })
    .getByRole("link", { name: "Roadmap" })
    .click();
  await expect(page).toHaveURL(/\/roadmap\?/);
  const figure = page.getByRole("figure", { name: /roadmap/ });
  await expect(figure.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
});
