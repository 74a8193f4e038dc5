import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createProject, signIn } from "./helpers";

// A program that was just created has no scans and no roadmap: every section must say so and point to the next
// step, never show an error page, an empty chart frame or a table of zeros.
const SECTIONS = [
  { path: "", says: "No roadmap for this program yet" },
  { path: "/components", says: "No scan of any environment yet" },
  { path: "/roadmap", says: "No roadmap for this program yet" },
  { path: "/exit-criteria", says: "No roadmap for this program yet" },
  { path: "/scans", says: "No scans yet" },
] as const;

test("a new program shows an empty state in every section, then gets its roadmap from a program file", async ({
  page,
}) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-empty");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  for (const section of SECTIONS) {
    const response = await page.goto(`/projects/${slug}${section.path}`);
    expect(response?.status(), section.path || "overview").toBe(200);
    await expect(page.getByText(section.says).first(), section.path || "overview").toBeVisible();
    // No chart frame without data: charts are figures drawing an SVG; without scans none is rendered.
    await expect(page.locator("figure, .recharts-wrapper")).toHaveCount(0);
  }

  await page.goto(`/projects/${slug}/roadmap`);
  const form = page.getByRole("form", { name: "Import a roadmap" });
  const chooser = form.getByLabel("Program file (program.yaml)");
  const program = readFileSync(path.join(process.cwd(), "examples/maestro/program.yaml"), "utf8");

  // A broken file is refused with the field that is wrong, and nothing is created.
  await chooser.setInputFiles({
    name: "program.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(
      program.replace("slug: maestro", `slug: ${slug}`).replace("end: 2025-10-11", "end: soon"),
    ),
  });
  await form.getByRole("button", { name: "Import roadmap" }).click();
  // Phase 2's Week 1 (the demo's Phase 1 ends on 2025-10-04).
  await expect(form.getByRole("alert")).toContainText("program.yaml: phases[1].weeks[0].end");

  await chooser.setInputFiles({
    name: "program.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(program.replace("slug: maestro", `slug: ${slug}`)),
  });
  await form.getByRole("button", { name: "Import roadmap" }).click();
  await expect(page.getByRole("heading", { name: "Milestones" })).toBeVisible();
  // Every phase of the file is stored; Phase 2 (its periods and criteria) is one click away in the selector.
  const phases = page.getByRole("navigation", { name: "Phase" });
  await expect(phases.getByRole("link")).toHaveText([/^Phase 1: /, /^Phase 2: /, /^Phase 3: /]);
  await phases.getByRole("link", { name: /^Phase 2: / }).click();
  await expect(page).toHaveURL(/[?&]phase=phase-2/);
  await expect(page.getByRole("cell", { name: "Kubernetes Production Readiness" })).toBeVisible();
  await page.screenshot({ path: "test-results/journeys/roadmap-imported.png", fullPage: true });

  await page.goto(`/projects/${slug}/exit-criteria?phase=phase-2`);
  await expect(page.getByText("Security patterns established (3 patterns)").first()).toBeVisible();
  expect(errors).toEqual([]);
});
