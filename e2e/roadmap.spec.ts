import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const ROADMAP = "/projects/maestro/roadmap";

test("an instance admin ticks a milestone with a done-on day on the demo roadmap; progress follows and survives a reload", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(ROADMAP);
  await expect(page.getByRole("heading", { level: 1, name: /Maestro: roadmap/ })).toBeVisible();
  await expect(page.getByRole("figure", { name: /roadmap/ })).toBeVisible();

  const rbac = page.getByRole("region", { name: "RBAC Enforcement milestones" });
  const milestone = rbac.getByRole("checkbox", { name: /Authorization middleware on the API/ });
  const progress = page.getByRole("progressbar", { name: "RBAC Enforcement progress" });
  await expect(milestone).not.toBeChecked();
  const before = Number(await progress.getAttribute("aria-valuenow"));

  // Dated tick: the work was done on Nov 3, after its planned period (Week 2-3, Oct 12-25); recorded today.
  await rbac.getByLabel("Done on (Authorization middleware on the API)").fill("2025-11-03");
  await milestone.check();
  await expect(milestone).toBeChecked();
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow"))).toBeGreaterThan(before);
  const doneText = /Done Nov 3, 2025, outside its period \(Week 2-3\) · recorded \d{4}-\d{2}-\d{2} by /;
  await expect(rbac.getByText(doneText)).toBeVisible();

  await page.reload();
  await expect(milestone).toBeChecked();
  await expect(rbac.getByText(doneText)).toBeVisible();
  await page.screenshot({ path: "test-results/roadmap.png", fullPage: true });

  // Other specs share the server: leave the demo as it was.
  await milestone.uncheck();
  await expect(milestone).not.toBeChecked();
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow"))).toBe(before);
  await page.reload();
  await expect(milestone).not.toBeChecked();
});

test("anonymous visitors see the demo roadmap and exit criteria read-only", async ({ page }) => {
  await page.goto(ROADMAP);
  await expect(page.getByRole("heading", { level: 1, name: /Maestro: roadmap/ })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Authorization middleware on the API/ })).toBeDisabled();
  await expect(page.getByRole("form", { name: /Add a milestone/ })).toHaveCount(0);

  await page.goto("/projects/maestro/exit-criteria");
  await expect(page.getByRole("heading", { name: "Exit Criteria Tracking" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /RBAC enforcement started/ })).toBeDisabled();
  await expect(page.getByText(/cannot be ticked by hand/).first()).toBeVisible();
});

test("the phase selector shows every phase of the demo, kept in the URL", async ({ page }) => {
  await page.goto(ROADMAP);
  const phases = page.getByRole("navigation", { name: "Phase" });
  // The demo's scans are Phase 2's: it is the phase current by date (the one of the latest scan).
  await expect(phases.getByRole("link", { name: /Phase 2: Production Hardening/ })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(page.getByRole("heading", { level: 2, name: "Phase 2: Production Hardening" })).toBeVisible();

  await phases.getByRole("link", { name: /Phase 1: Platform Foundation/ }).click();
  await expect(page).toHaveURL(/[?&]phase=phase-1/);
  await expect(page.getByRole("heading", { level: 2, name: "Phase 1: Platform Foundation" })).toBeVisible();
  await expect(
    page.getByRole("checkbox", { name: /Self-assessment against the platform maturity model/ }),
  ).toBeChecked();

  await page
    .getByRole("navigation", { name: "Phase" })
    .getByRole("link", { name: /Phase 3: Scale & Operations/ })
    .click();
  await expect(page).toHaveURL(/[?&]phase=phase-3/);
  await expect(page.getByRole("checkbox", { name: /Second production cluster live/ })).not.toBeChecked();

  await page.goto("/projects/maestro/exit-criteria?phase=phase-1");
  await expect(page.getByText("Maturity self-assessment reviewed")).toBeVisible();
  await page.goto("/projects/maestro?phase=phase-1");
  await expect(page.getByRole("heading", { level: 2, name: "Phase 1: Platform Foundation" })).toBeVisible();
});

test("a manual exit criterion is ticked with a done-on day; done outside its period, it says so", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/projects/maestro/exit-criteria");
  const criterion = page.getByRole("checkbox", { name: /RBAC enforcement started on API endpoints/ });
  const item = page.getByRole("listitem").filter({ has: criterion });
  await expect(criterion).not.toBeChecked();
  const doneOn = item.getByLabel("Done on (RBAC enforcement started on API endpoints)");
  // Default today; the phase's start (Phase 2: 2025-10-05) to today.
  const today = new Date().toISOString().slice(0, 10);
  await expect(doneOn).toHaveValue(today);
  await expect(doneOn).toHaveAttribute("min", "2025-10-05");
  await expect(doneOn).toHaveAttribute("max", today);

  // Week 2-3 is Oct 12-25: work done on Nov 3 is outside it.
  await doneOn.fill("2025-11-03");
  await criterion.check();
  const outside = /Ticked by .+ on 2025-11-03; done 2025-11-03, outside Week 2-3/;
  await expect(item.getByText(outside)).toBeVisible();
  await page.reload();
  await expect(criterion).toBeChecked();
  await expect(item.getByText(outside)).toBeVisible();
  await expect(doneOn).toHaveCount(0);

  // Other specs share the server: leave the demo as it was.
  await criterion.uncheck();
  await expect(criterion).not.toBeChecked();
  await page.reload();
  await expect(criterion).not.toBeChecked();
});

test("the report follows the phase current by date, with a selector listing another phase's periods", async ({
  page,
}) => {
  await page.goto("/projects/maestro/report");
  const phases = page.getByRole("navigation", { name: "Phase" });
  const periods = page.getByRole("form", { name: "Roadmap period" }).getByRole("combobox");
  await expect(phases.getByRole("link", { name: /Phase 2: Production Hardening/ })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(periods.getByRole("option")).toHaveText([
    /^Week 1: /,
    /^Week 2-3: /,
    /^Week 4-5: /,
    /^Week 6-8: /,
  ]);

  // Phase 1 has ended: its report opens on its last period.
  await phases.getByRole("link", { name: /Phase 1: Platform Foundation/ }).click();
  await expect(page).toHaveURL(/[?&]phase=phase-1/);
  await expect(phases.getByRole("link", { name: /Phase 1: Platform Foundation/ })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(periods.getByRole("option")).toHaveText([/^Week 1-2: Assessment and Plan/]);
  await expect(periods).toHaveValue("p1-week-1-2");
  await expect(page.getByRole("link", { name: "PDF", exact: true })).toHaveAttribute(
    "href",
    /period=p1-week-1-2/,
  );

  // A period of Phase 3 picked by id shows Phase 3 selected.
  await page.goto("/projects/maestro/report?period=p3-week-5-8");
  await expect(phases.getByRole("link", { name: /Phase 3: Scale & Operations/ })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(periods).toHaveValue("p3-week-5-8");
  await expect(periods.getByRole("option")).toHaveCount(2);
});
