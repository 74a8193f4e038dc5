import { expect, type Page, test } from "@playwright/test";
import { createProject, signIn } from "./helpers";

/**
 * The dashboard's user journeys (issue #6), each on its own program created through the API with its roadmap
 * imported from a program file, with scans uploaded through the API or the UI. Every journey saves a screenshot under
 * test-results/journeys/ to be looked at: charts render, nothing overlaps.
 */

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/journeys/${name}.png`, fullPage: true });

/** A Deployment; `hardened` adds the security contexts every hardening control asks for. */
function deployment(name: string, partOf: string, hardened: boolean) {
  const pod = hardened
    ? "\n      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: RuntimeDefault } }"
    : "";
  const container = hardened
    ? "\n          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }"
    : "";
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
  labels: { app.kubernetes.io/part-of: ${partOf} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:${pod}
      containers:
        - name: app
          image: registry.example/${name}:1.0
          resources: { limits: { cpu: 500m, memory: 256Mi } }${container}
`;
}

/** The manifests of one scan: the storefront is always hardened, the payments API only when `fixed`. */
const manifests = (fixed: boolean) => [
  {
    name: "storefront.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(deployment("storefront", "web", true)),
  },
  {
    name: "payments-api.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(deployment("payments-api", "payments", fixed)),
  },
];

/** A four-week phase around today, with an automatic exit criterion, a scan-tracked and a milestone stream. */
function program(slug: string) {
  const monday = new Date();
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 7);
  const day = (offset: number) => new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    apiVersion: "rampart.io/v1",
    kind: "Program",
    project: { slug, name: `Journey ${slug}`, description: "A program seeded by the e2e journeys." },
    environments: [{ name: "production" }],
    maturity: { baseline: 0.5, target: 0.8 },
    phases: [
      {
        id: "hardening",
        number: 1,
        name: "Hardening",
        start: day(0),
        end: day(27),
        weeks: [
          {
            id: "weeks-1-4",
            label: "Week 1-4",
            title: "Harden the shop",
            from: 1,
            to: 4,
            start: day(0),
            end: day(27),
            exitCriteria: [
              {
                id: "all-non-root",
                title: "Every production workload runs as non-root",
                workStream: "contexts",
                rule: { type: "controls-pass", controls: ["run-as-non-root"], environment: "production" },
              },
            ],
          },
        ],
        workStreams: [
          {
            id: "contexts",
            name: "Security contexts",
            weeks: { from: 1, to: 4 },
            progress: {
              type: "scan",
              controls: ["run-as-non-root", "seccomp-profile"],
              environment: "production",
            },
          },
          { id: "rbac", name: "RBAC", weeks: { from: 2, to: 4 }, progress: { type: "milestones" } },
        ],
        milestones: [
          { id: "rbac-middleware", workStream: "rbac", title: "Authorization middleware", week: 2 },
          { id: "rbac-audit", workStream: "rbac", title: "RBAC audit", week: 4 },
        ],
        metrics: [
          {
            id: "deployments",
            kind: "components-count",
            label: "Production Deployments",
            environment: "production",
          },
          { id: "non-root", label: "runAsNonRoot", control: "run-as-non-root", environment: "production" },
          { id: "seccomp", label: "seccompProfile", control: "seccomp-profile", environment: "production" },
        ],
      },
    ],
  };
}

/** As the admin, creates a program, imports its roadmap file and uploads `scans` (failing, then fixed…). */
async function seed(page: Page, scans: boolean[]): Promise<string> {
  await signIn(page);
  const slug = await createProject(page, "e2e-journey");
  const origin = new URL(page.url()).origin;
  // JSON is YAML: the program file as the roadmap import takes it.
  const imported = await page.request.put(`/api/v1/projects/${slug}/program`, {
    data: JSON.stringify(program(slug)),
    headers: { origin, "content-type": "application/yaml" },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  for (const fixed of scans) {
    const form = new FormData();
    for (const file of manifests(fixed)) form.append("files", new File([file.buffer], file.name), file.name);
    const uploaded = await page.request.post(`/api/v1/projects/${slug}/uploads?environment=production`, {
      multipart: form,
      headers: { origin },
    });
    expect(uploaded.status(), await uploaded.text()).toBe(201);
  }
  return slug;
}

test("browse and filter the compliance table, and share the URL", async ({ page, browser }) => {
  const slug = await seed(page, [false]);
  await page.goto(`/projects/${slug}`);
  const table = page.getByRole("table", { name: /Kubernetes Hardening \(production\)/ });
  await expect(
    table
      .getByRole("row", { name: /Production Deployments/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("2");
  await expect(table.getByRole("row", { name: /runAsNonRoot/ })).toContainText("1");
  await expect(page.locator(".recharts-wrapper > svg.recharts-surface").first()).toBeVisible();
  await shot(page, "1-overview");

  await page
    .getByRole("navigation", { name: "Program sections" })
    .getByRole("link", { name: "Components" })
    .click();
  await page.getByLabel("Failing control").selectOption("run-as-non-root");
  await expect(page).toHaveURL(/failing=run-as-non-root/);
  await expect(page.getByText("1 of 2 components match")).toBeVisible();
  await expect(page.getByRole("link", { name: "payments-api" })).toBeVisible();
  await expect(page.getByRole("link", { name: "storefront" })).toHaveCount(0);
  await shot(page, "1-components-filtered");

  // The URL is the view: a colleague who opens it (own session) sees the same filtered table.
  const shared = page.url();
  const colleague = await browser.newPage();
  await signIn(colleague);
  await colleague.goto(shared);
  await expect(colleague.getByLabel("Failing control")).toHaveValue("run-as-non-root");
  await expect(colleague.getByText("1 of 2 components match")).toBeVisible();
  await expect(colleague.getByRole("link", { name: "storefront" })).toHaveCount(0);
  await colleague.close();
});

test("open a failing component and read its remediation", async ({ page }) => {
  const slug = await seed(page, [false]);
  await page.goto(`/projects/${slug}/components`);
  await page.getByRole("link", { name: "payments-api" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "payments-api" })).toBeVisible();
  const nonRoot = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: "Containers run as a non-root user" }) });
  await expect(nonRoot.getByText("Why:")).toBeVisible();
  const remediation = nonRoot.locator("details", { hasText: "Remediation" });
  await expect(remediation).toHaveAttribute("open", "");
  await expect(remediation.locator("pre")).toContainText("runAsNonRoot: true");
  await expect(page.getByRole("table", { name: "Results across scans" }).getByRole("row")).toHaveCount(2);
  await shot(page, "2-component-remediation");
  // The full page is long: what the screen shows of the first failing control, readable.
  await page.screenshot({ path: "test-results/journeys/2-component-remediation-top.png" });
});

test("tick a milestone, see the progress change, reload: still ticked", async ({ page }) => {
  const slug = await seed(page, [false]);
  await page.goto(`/projects/${slug}/roadmap`);
  await expect(page.getByRole("figure", { name: /roadmap/ })).toBeVisible();
  const progress = page.getByRole("progressbar", { name: "RBAC progress" });
  await expect(progress).toHaveAttribute("aria-valuenow", "0");
  const milestone = page
    .getByRole("region", { name: "RBAC milestones" })
    .getByRole("checkbox", { name: /Authorization middleware/ });
  await milestone.check();
  await expect(milestone).toBeChecked();
  await expect(progress).toHaveAttribute("aria-valuenow", "50");
  await page.reload();
  await expect(milestone).toBeChecked();
  await expect(page.getByRole("progressbar", { name: "RBAC progress" })).toHaveAttribute(
    "aria-valuenow",
    "50",
  );
  await expect(
    page
      .getByRole("region", { name: "RBAC milestones" })
      .getByText(/Done \w{3} \d{1,2}, \d{4}.* · recorded \d{4}-\d{2}-\d{2} by /),
  ).toBeVisible();
  await shot(page, "3-roadmap-milestone");
  await page
    .getByRole("figure", { name: /roadmap/ })
    .screenshot({ path: "test-results/journeys/3-roadmap-timeline.png" });
});

test("upload a scan that fixes a control and watch an automatic exit criterion turn met", async ({
  page,
}) => {
  const slug = await seed(page, [false]);
  const criterion = () =>
    page.getByRole("listitem").filter({ hasText: "Every production workload runs as non-root" });
  await page.goto(`/projects/${slug}/exit-criteria`);
  await expect(criterion()).toContainText("Not met");
  await expect(criterion()).toContainText(/1 of 2 components pass run-as-non-root/);
  await expect(criterion()).toContainText("payments-api");
  await expect(criterion()).toContainText("cannot be ticked by hand");
  await expect(criterion().getByRole("checkbox")).toBeDisabled();
  await shot(page, "4-criterion-unmet");

  await page.goto(`/projects/${slug}/upload`);
  await page.getByLabel("Environment").fill("production");
  await page.getByLabel("Choose files").setInputFiles(manifests(true));
  await page.getByRole("button", { name: "Upload and scan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stored scan" })).toContainText("2 workload(s)");

  await page.goto(`/projects/${slug}/exit-criteria`);
  await expect(criterion()).toContainText("Met");
  await expect(criterion()).not.toContainText("Not met");
  await expect(criterion()).toContainText(/2 of 2 components pass run-as-non-root/);
  await expect(criterion().getByRole("checkbox")).toBeChecked();
  await expect(criterion().getByRole("checkbox")).toBeDisabled();
  await shot(page, "4-criterion-met");
});

test("compare two scans", async ({ page }) => {
  const slug = await seed(page, [false, true]);
  await page.goto(`/projects/${slug}/scans`);
  const form = page.getByRole("form", { name: "Compare two scans" });
  await form.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Compare scans of production/ })).toBeVisible();
  const fixed = page.getByRole("region", { name: /^Fixed \(/ });
  await expect(fixed).toContainText("payments-api");
  await expect(fixed).not.toContainText("storefront");
  await shot(page, "5-compare-scans");

  // The overview's charts now have two points.
  await page.goto(`/projects/${slug}`);
  await expect(page.locator(".recharts-wrapper > svg.recharts-surface")).toHaveCount(2);
  await expect(
    page.getByText(/Changes from the \d{4}-\d{2}-\d{2} scan to the \d{4}-\d{2}-\d{2} scan/),
  ).toBeVisible();
  await shot(page, "5-overview-two-scans");
});
