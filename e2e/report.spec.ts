import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { createProject, signIn, unhardenedDeployment, uploadManifests } from "./helpers";

const REPORT = "/projects/maestro/report?period=week-6-8";
const HOSTILE = {
  learnings: "Learned | pipes `ticks` <script>window.pwned=1</script>",
  handoff: '=HYPERLINK("http://evil.example","click") then <img src=x onerror=alert(1)>',
};

async function download(page: Page, name: string) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("list", { name: "Download the report" }).getByRole("link", { name, exact: true }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, text: readFileSync(path, "utf8") };
}

test("an editor writes period notes and exports the report in every format; hostile text stays inert", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(REPORT);
  await expect(
    page.getByRole("heading", { level: 1, name: /Maestro: session summary report/ }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Report", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );

  const notes = page.getByRole("region", { name: /Notes for Week 6-8/ });
  await notes.getByLabel("Key learnings (Markdown)").fill(HOSTILE.learnings);
  await notes.getByLabel("Handoff notes (Markdown)").fill(HOSTILE.handoff);
  await notes.getByRole("button", { name: "Save notes" }).click();
  await expect(notes.getByRole("status")).toHaveText("Notes saved.");

  // The preview is the PDF's HTML, sandboxed; the notes are rendered Markdown (`ticks` becomes code) and their
  // raw HTML shows as text.
  const preview = page.frameLocator('iframe[title="Report preview"]');
  await expect(preview.getByRole("heading", { name: "Key Learnings" })).toBeVisible();
  await expect(preview.getByText("Learned | pipes ticks <script>window.pwned=1</script>")).toBeVisible();
  await expect(preview.locator("#key-learnings code", { hasText: "ticks" })).toBeVisible();
  await expect(preview.locator("script, img")).toHaveCount(0);
  // The saved notes beside the editor: rendered the same way, nothing injected.
  await expect(notes.locator("code", { hasText: "ticks" })).toBeVisible();
  await expect(notes.locator("p", { hasText: "<img src=x onerror=alert(1)>" })).toBeVisible();
  await expect(page.locator('img[src="x"], script:has-text("pwned")')).toHaveCount(0);
  await page.screenshot({ path: "test-results/report.png", fullPage: true });

  const md = await download(page, "Markdown");
  expect(md.name).toBe("maestro-week-6-8-2025-11-29.md");
  expect(md.text).toMatch(/^# Phase 2: Production Hardening - Week 6-8 Summary/);
  expect(md.text).toContain("## Completed Components (20 of 20 hardened)");
  expect(md.text).toContain("&lt;script>window.pwned=1&lt;/script>");
  expect(md.text).not.toContain("<script>");

  const pdf = await download(page, "PDF");
  expect(pdf.name).toBe("maestro-week-6-8-2025-11-29.pdf");
  const pdfText = execFileSync("pdftotext", ["-layout", pdf.path, "-"], { encoding: "utf8" });
  expect(pdfText).toContain("Completed Components (20 of 20 hardened)");
  expect(pdfText).toContain("<script>window.pwned=1</script>");
  expect(pdfText).toMatch(/Page 1 of \d+/);

  const components = await download(page, "CSV: components");
  expect(components.name).toBe("maestro-week-6-8-2025-11-29-components.csv");
  expect(components.text.split("\r\n")[0]).toContain('"Category","Component"');
  expect(components.text).toContain('"maestro-api"');
  const metrics = await download(page, "CSV: metrics");
  expect(metrics.text).toContain('"runAsNonRoot Enforced","19","19","100%","Complete"');

  const json = JSON.parse((await download(page, "JSON")).text);
  expect(json).toMatchObject({ schemaVersion: 1, environment: "production", period: { id: "week-6-8" } });
  expect(json.notes.handoff).toBe(HOSTILE.handoff);

  // A CSV of the notes' text never starts a formula: the API's CSV carries user text through csvField.
  const csv = await page.request.get("/api/v1/projects/maestro/reports?format=csv&period=week-6-8");
  expect((await csv.text()).match(/"[=+\-@]/g)).toBeNull();

  // Other specs share the server: leave the demo as it was.
  await notes.getByLabel("Key learnings (Markdown)").fill("");
  await notes.getByLabel("Handoff notes (Markdown)").fill("");
  await notes.getByRole("button", { name: "Save notes" }).click();
  await expect(notes.getByRole("status")).toHaveText("Notes saved.");
});

test("anonymous visitors read and download the demo report, without the notes editor; the CLI downloads it too", async ({
  page,
}) => {
  await page.goto("/projects/maestro/report");
  await expect(page.getByRole("heading", { level: 1, name: /session summary report/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /Notes for/ })).toHaveCount(0);
  await page.getByRole("combobox", { name: "Roadmap period" }).selectOption("week-1");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/period=week-1/);
  const preview = page.frameLocator('iframe[title="Report preview"]');
  await expect(preview.getByRole("heading", { level: 1, name: /Week 1 Summary/ })).toBeVisible();
  await expect(preview.getByText("Pattern-based approach", { exact: false })).toBeVisible();

  const cli = execFileSync(
    join("node_modules", ".bin", "tsx"),
    ["lib/cli/main.ts", "report", "--server", baseURL, "--project", "maestro", "--period", "week-1"],
    { encoding: "utf8" },
  );
  expect(cli).toMatch(/^# Phase 2: Production Hardening - Week 1 Summary/);
  expect(cli).toContain("**Scans**: 2025-10-05 (4c1e9a2) → 2025-10-11 (9b7d3f0)");
});

/** The Deployment of unhardenedDeployment with the seed's Pattern 1 security contexts. */
const hardenedDeployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: apps }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: app
          image: "registry.example/app:1.0"
          resources: { limits: { cpu: 500m, memory: 256Mi } }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
`;

test("a program without a roadmap gets its two-scan report in the browser, the API and the CLI; other programs' scan ids answer 404", async ({
  page,
}) => {
  await signIn(page);
  const origin = new URL(page.url()).origin;
  const slug = await createProject(page, "e2e-report-bare");
  await uploadManifests(page, slug, { "web.yaml": unhardenedDeployment("web") });
  await uploadManifests(page, slug, { "web.yaml": hardenedDeployment("web") });
  const { scans } = (await (await page.request.get(`/api/v1/projects/${slug}/scans`)).json()) as {
    scans: { id: string }[];
  };
  const [to, from] = scans.map((s) => s.id);

  const response = await page.goto(`/projects/${slug}/report`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText("No roadmap: the report covers two scans")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Roadmap period" })).toHaveCount(0);
  const preview = page.frameLocator('iframe[title="Report preview"]');
  await expect(preview.getByRole("heading", { level: 1, name: /Summary/ })).toBeVisible();
  await expect(preview.getByText(/has no roadmap: progress metrics/)).toBeVisible();
  await expect(
    preview.getByRole("heading", { name: "Completed Components (1 of 1 hardened)" }),
  ).toBeVisible();
  await expect(preview.getByRole("heading", { name: "Exit Criteria Tracking" })).toHaveCount(0);
  await expect(preview.locator("li", { hasText: "Production Readiness" })).toContainText("0% → 100%");
  await page.screenshot({ path: "test-results/report-without-roadmap.png", fullPage: true });

  const md = await download(page, "Markdown");
  expect(md.text).toContain("## Completed Components (1 of 1 hardened)");
  const api = await page.request.get(`/api/v1/projects/${slug}/reports?format=json&from=${from}&to=${to}`);
  expect(api.status()).toBe(200);
  expect(await api.json()).toMatchObject({
    phase: null,
    period: { kind: "scans" },
    scans: { before: { id: from } },
  });

  const created = await page.request.post(`/api/v1/projects/${slug}/tokens`, {
    data: { name: "report-cli", scope: "read" },
    headers: { origin },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { token } = (await created.json()) as { token: { token: string } };
  const cli = execFileSync(
    join("node_modules", ".bin", "tsx"),
    [
      "lib/cli/main.ts",
      "report",
      "--server",
      baseURL,
      "--project",
      slug,
      "--from",
      from,
      "--to",
      to,
      "--token",
      token.token,
    ],
    { encoding: "utf8" },
  );
  expect(cli).toContain("## Completed Components (1 of 1 hardened)");
  expect(cli).toContain("has no roadmap");

  // This program's scans asked for on the demo's report page: a real 404, not a 200 with "not found" in it.
  for (const query of [`from=${from}&to=${to}`, `period=week-99`]) {
    const other = await page.goto(`/projects/maestro/report?${query}`);
    expect(other?.status(), query).toBe(404);
  }
});
