import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { trustedRegistryPolicy } from "../test/policies";
import { createProject, signIn } from "./helpers";

/**
 * A team's own rule end to end (issue 13 §3): a ValidatingAdmissionPolicy is added to the program's policy set in
 * the UI, an upload is scanned with it, its vap:<name> control fails in the components table, an exception is
 * granted, the automatic exit criterion on the control is met, and the Markdown report says so. Screenshots under
 * test-results/policies/ are to be looked at.
 */

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/policies/${name}.png`, fullPage: true });

const POLICY = trustedRegistryPolicy({ registry: "harbor.shop.internal", binding: "trusted-registry-deny" });

function deployment(name: string, image: string) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - { name: app, image: "${image}", resources: { limits: { cpu: 500m, memory: 256Mi } } }
`;
}

/** One phase around today with an automatic exit criterion on the policy's control. */
function program(slug: string) {
  const monday = new Date();
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 7);
  const day = (offset: number) => new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    apiVersion: "rampart.io/v1",
    kind: "Program",
    project: { slug, name: `Policies ${slug}` },
    environments: [{ name: "production" }],
    maturity: { baseline: 0.5, target: 0.8 },
    phases: [
      {
        id: "registry",
        number: 1,
        name: "Registry",
        start: day(0),
        end: day(27),
        weeks: [
          {
            id: "weeks-1-4",
            label: "Week 1-4",
            title: "Own registry",
            from: 1,
            to: 4,
            start: day(0),
            end: day(27),
          },
        ],
        workStreams: [
          {
            id: "images",
            name: "Images",
            weeks: { from: 1, to: 4 },
            progress: { type: "scan", controls: ["vap:trusted-registry"], environment: "production" },
          },
        ],
        exitCriteria: [
          {
            id: "trusted-images",
            title: "No image from outside our registry",
            workStream: "images",
            rule: { type: "controls-pass", controls: ["vap:trusted-registry"], environment: "production" },
          },
        ],
      },
    ],
  };
}

test("a policy added in the UI fails an upload, takes an exception and meets its exit criterion", async ({
  page,
}) => {
  await signIn(page);
  const slug = await createProject(page, "e2e-policies");
  const origin = new URL(page.url()).origin;
  const imported = await page.request.put(`/api/v1/projects/${slug}/program`, {
    data: JSON.stringify(program(slug)),
    headers: { origin, "content-type": "application/yaml" },
  });
  expect(imported.status(), await imported.text()).toBe(201);

  // The policies tab, empty, then a policy pasted in: a broken text is refused beside its field first.
  await page.goto(`/projects/${slug}`);
  await page
    .getByRole("navigation", { name: "Program sections" })
    .getByRole("link", { name: "Policies" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /policies/ })).toBeVisible();
  await expect(page.getByText(/^No policy yet\./)).toBeVisible();
  await page.getByRole("button", { name: "Add a policy" }).click();
  const form = page.getByRole("form", { name: "Add a policy" });
  await form.getByLabel("Name").fill("trusted-registry");
  await form.getByLabel(/^YAML/).fill("kind: [unclosed");
  await form.getByRole("button", { name: "Add policy" }).click();
  await expect(form.getByRole("alert")).toContainText("text:");
  await expect(form.getByLabel(/^YAML/)).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel(/^YAML/).fill(POLICY);
  await form.getByLabel("Source (optional)").fill("policies/trusted-registry.yaml");
  await form.getByRole("button", { name: "Add policy" }).click();
  await expect(form).toHaveCount(0);
  const stored = page.getByRole("table", { name: "Stored policy set" });
  await expect(stored.getByRole("row", { name: /trusted-registry/ })).toContainText("vap:trusted-registry");
  const policies = page.getByRole("table", { name: /Policies of the program/ });
  await expect(policies.getByRole("row", { name: /trusted-registry/ })).toContainText(
    "stored: trusted-registry",
  );
  await expect(policies.getByRole("row", { name: /trusted-registry/ })).toContainText("not scanned yet");

  // An upload is scanned with the stored policy: the vendor image fails it.
  await page.goto(`/projects/${slug}/upload`);
  await page.getByLabel("Environment").fill("production");
  await page.getByLabel("Choose files").setInputFiles([
    {
      name: "shop.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(
        `${deployment("storefront", "harbor.shop.internal/shop/storefront:1.0")}---\n${deployment("legacy", "docker.io/vendor/legacy:2.1")}`,
      ),
    },
  ]);
  await page.getByRole("button", { name: "Upload and scan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stored scan" })).toContainText("2 workload(s)");

  await page.goto(`/projects/${slug}/components`);
  await page.getByLabel("Failing control").selectOption("vap:trusted-registry");
  await expect(page.getByText("1 of 2 components match")).toBeVisible();
  const legacy = page.getByRole("row", { name: /legacy/ });
  await expect(legacy).toContainText("vap:trusted-registry");
  await expect(page.getByRole("link", { name: "storefront" })).toHaveCount(0);
  await shot(page, "1-components-failing");

  const criterion = () =>
    page.getByRole("listitem").filter({ hasText: "No image from outside our registry" });
  await page.goto(`/projects/${slug}/exit-criteria`);
  await expect(criterion()).toContainText("Not met");
  await expect(criterion()).toContainText(/1 of 2 components pass vap:trusted-registry/);
  await expect(criterion()).toContainText("legacy");

  // The roadmap editor offers the policy's control in its pickers.
  await page.goto(`/projects/${slug}/roadmap/edit`);
  await expect(
    page
      .getByRole("group", { name: "Controls to pass" })
      .getByRole("checkbox", { name: "vap:trusted-registry" }),
  ).toBeChecked();

  // An exception for the vendor image, granted in the UI.
  await page.goto(`/projects/${slug}/exceptions`);
  await page.getByRole("button", { name: "Add an exception" }).click();
  const exception = page.getByRole("form", { name: "Add an exception" });
  await exception.getByLabel("Control").selectOption("vap:trusted-registry");
  await exception.getByLabel("Kind").fill("Deployment");
  await exception.getByLabel("Workload name").fill("legacy");
  await exception.getByLabel("Owner").fill("shop-team");
  await exception.getByLabel("Justification").fill("Vendor image, mirrored into Harbor next quarter");
  await exception.getByRole("button", { name: "Add exception" }).click();
  await expect(exception).toHaveCount(0);
  await expect(page.getByRole("row", { name: /vap:trusted-registry/ })).toContainText("Vendor image");

  await page.goto(`/projects/${slug}/exit-criteria`);
  await expect(criterion()).not.toContainText("Not met");
  await expect(criterion()).toContainText(/2 of 2 components pass vap:trusted-registry/);
  await shot(page, "2-criterion-met");

  // The Markdown report lists the criterion as met.
  const markdown = await page.request.get(`/api/v1/projects/${slug}/reports?format=md`);
  expect(markdown.status()).toBe(200);
  const text = await markdown.text();
  const line = text.split("\n").find((l) => l.includes("No image from outside our registry"));
  expect(line, text).toMatch(
    /^- \[x\] No image from outside our registry \(automatic: 2 of 2 components pass vap:trusted-registry/,
  );

  // The policies page: where it came from, its action, binding, hash and pass rate.
  await page.goto(`/projects/${slug}/policies`);
  const row = page
    .getByRole("table", { name: /Policies of the program/ })
    .getByRole("row", { name: /trusted-registry/ });
  await expect(row).toContainText("scanned (production): policy-set:trusted-registry");
  await expect(row).toContainText("Deny");
  await expect(row).toContainText("trusted-registry-deny");
  await expect(row).toContainText("100% (2 of 2)");
  await shot(page, "3-policies");

  // The cluster's own reports beside the manifests: the overview keeps the manifests' figures and offers the other.
  const reports = await page.request.post(
    `/api/v1/projects/${slug}/scans?environment=production&format=policyreport`,
    {
      data: readFileSync("lib/importers/samples/kyverno-policyreports.yaml", "utf8"),
      headers: { origin, "content-type": "application/yaml" },
    },
  );
  expect(reports.status(), await reports.text()).toBe(201);
  await page.goto(`/projects/${slug}`);
  const evidence = page.getByRole("navigation", { name: "Evidence" });
  await expect(evidence.locator('[aria-current="true"]')).toHaveText("Manifests");
  await expect(page.getByTestId("evidence-line")).toContainText("Figures from manifests scanned");
  await evidence.getByRole("link", { name: "Cluster reports" }).click();
  await expect(page).toHaveURL(/evidence=cluster/);
  await expect(page.getByTestId("evidence-line")).toContainText("Figures from cluster evidence from kyverno");
  await expect(evidence.locator('[aria-current="true"]')).toHaveText("Cluster reports");
  await shot(page, "5-overview-cluster-evidence");
});

test("the demo's policies page charts both policies failing early and passing by the end of the phase", async ({
  page,
}) => {
  await page.goto("/projects/maestro/policies");
  const table = page.getByRole("table", { name: /Policies of the program/ });
  await expect(table.getByRole("row", { name: /trusted-registry/ })).toContainText("Deny");
  await expect(table.getByRole("row", { name: /required-labels/ })).toContainText("Audit, Warn");
  await expect(table.getByRole("row", { name: /required-labels/ })).toContainText("100% (20 of 20)");
  const chart = page.getByRole("figure", { name: /Policy pass rate over time \(production\)/ });
  await expect(chart.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  // The chart's data table (required-labels, trusted-registry): 75% and 0% at the baseline, 100% at the end.
  await expect(chart.getByRole("row").nth(1).getByRole("cell")).toHaveText(["75%", "0%"]);
  await expect(chart.getByRole("row").last().getByRole("cell")).toHaveText(["100%", "100%"]);
  await shot(page, "4-demo-policies");
  // A visitor reads the policies but cannot change the stored set.
  await expect(page.getByRole("button", { name: "Add a policy" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
});
