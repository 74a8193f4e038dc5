import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// Every page of the demo, as an editor sees it (forms included), checked by axe-core for WCAG 2.1 A/AA problems:
// labels, names, contrast, landmarks, list and table structure. A violation names the rule and the elements.
const PAGES = [
  "/",
  "/projects/maestro",
  "/projects/maestro/components",
  "/projects/maestro/roadmap",
  "/projects/maestro/exit-criteria",
  "/projects/maestro/exceptions",
  "/projects/maestro/scans",
  "/projects/maestro/report",
  "/projects/maestro/upload",
  "/projects/maestro/settings",
];

test("the pages have no WCAG 2.1 A/AA violations that axe-core can find", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const found: string[] = [];
  for (const path of PAGES) {
    await page.goto(path);
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .exclude("iframe") // the report preview is the PDF's own document, checked as text in the report specs
      .analyze();
    for (const v of results.violations) {
      found.push(
        `${path}: ${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
      );
    }
  }
  expect(found).toEqual([]);
});
