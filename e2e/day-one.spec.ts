import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect as baseExpect, type Page, test } from "@playwright/test";
import { unhardenedDeployment } from "./helpers";

// Day one of a real team, on a server of its own: a fresh database with no account and no demo, so the journey
// starts where a new installation does, at the one-time setup link the server prints on its console.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 1;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const ADMIN = { name: "Day One Admin", email: "owner@day-one.test", password: "day-one-admin-password" };

let server: ChildProcess | undefined;
let dataDir = "";
let setupLink = "";
let output = "";

// Room for a busy machine: at load 20-30 on 2 cores, a navigation after a save (New program → its overview), the
// setup's password hash or signing in took longer than 5 s, once over 30 s; a step returns as soon as it holds.
const expect = baseExpect.configure({ timeout: 60_000 });

test.describe.configure({ mode: "serial" });
test.use({ baseURL: ORIGIN });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = mkdtempSync(join(tmpdir(), "rampart-day-one-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    RAMPART_URL: ORIGIN,
    RAMPART_DATA_DIR: dataDir,
    RAMPART_DEMO: "off",
    DATABASE_URL: "",
  };
  delete env.RAMPART_ADMIN_EMAIL;
  delete env.RAMPART_ADMIN_PASSWORD;
  server = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  setupLink = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no setup link within 200 s:\n${output}`)), 200_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      // The server's log is JSON lines: the link ends at the closing quote of its message.
      const link = /(http:\/\/[^\s"]+\/setup\?token=[^\s"]+)/.exec(output)?.[1];
      if (link) {
        clearTimeout(timer);
        resolve(link);
      }
    };
    server?.stdout?.on("data", read);
    server?.stderr?.on("data", read);
    server?.on("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.on("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A Deployment that passes the workload hardening controls. */
function hardenedDeployment(name: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: apps }
spec:
  replicas: 2
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: app
          image: registry.example/app:1.0
          resources: { limits: { cpu: 500m, memory: 256Mi }, requests: { cpu: 100m, memory: 128Mi } }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
`;
}

/** Creates a program with the New program form, as the signed-in instance admin (private unless said). */
async function createProgram(
  page: Page,
  name: string,
  environments: string[],
  visibility: "private" | "public" = "private",
): Promise<string> {
  await page.goto("/");
  await page.getByRole("link", { name: "New program" }).click();
  const form = page.getByRole("form", { name: "New program" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Description", { exact: true }).fill(`${name}: hardening our own clusters`);
  if (visibility === "public") await form.getByRole("radio", { name: /^Public:/ }).check();
  await form.getByLabel("Environment 1 name").fill(environments[0]);
  for (const [i, env] of environments.slice(1).entries()) {
    await form.getByRole("button", { name: "Add environment" }).click();
    await form.getByLabel(`Environment ${i + 2} name`).fill(env);
  }
  const slug = await form.getByLabel(/^Slug/).inputValue();
  await form.getByRole("button", { name: "Create program" }).click();
  await expect(page).toHaveURL(`${ORIGIN}/projects/${slug}`);
  return slug;
}

/** Uploads manifest files through the Upload page. */
async function uploadScan(page: Page, slug: string, environment: string, files: Record<string, string>) {
  await page.goto(`/projects/${slug}/upload`);
  await page.getByLabel("Environment").fill(environment);
  await page.getByLabel("Choose files").setInputFiles(
    Object.entries(files).map(([name, text]) => ({
      name,
      mimeType: "application/yaml",
      buffer: Buffer.from(text),
    })),
  );
  await page.getByRole("button", { name: "Upload and scan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "scan of" })).toContainText(
    `Stored scan of ${environment}`,
    { timeout: 60_000 },
  );
}

async function download(page: Page, name: string) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("list", { name: "Download the report" }).getByRole("link", { name, exact: true }).click(),
  ]);
  return file.path();
}

test("day one: setup link, a program and its two-phase roadmap built in the browser, two scans, a dated tick, the week-1 PDF", async ({
  page,
}) => {
  test.setTimeout(600_000);
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });

  // No account yet: the sign-in page says where the first one comes from.
  await page.goto("/sign-in");
  await expect(page.getByRole("status")).toContainText("one-time setup link");

  await page.goto(setupLink);
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel(/^Password/).fill(ADMIN.password);
  await page.getByRole("button", { name: "Create the administrator" }).click();
  await expect(page.getByRole("status")).toHaveText("Admin account created: sign in with it.");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  const slug = await createProgram(page, "Day One Shop", ["production", "staging"]);
  expect(slug).toBe("day-one-shop");

  // The roadmap, built in the editor: Phase 1 started three days ago, Phase 2 follows it.
  await page.goto(`/projects/${slug}/roadmap`);
  await page.getByRole("link", { name: "Create roadmap" }).click();
  await page.getByRole("button", { name: "Create roadmap" }).click();
  const phase1 = page.getByRole("group", { name: "Phase 1", exact: true });
  await phase1.getByLabel("Phase name").fill("Foundations");
  const foundations = page.getByRole("group", { name: "Foundations", exact: true });
  await foundations.getByLabel("Start", { exact: true }).fill(day(-3));
  await foundations.getByLabel("End", { exact: true }).fill(day(24));
  await foundations.getByLabel("Goal", { exact: true }).fill("Every workload runs as non-root");

  const milestones = foundations.getByRole("group", { name: "Milestones", exact: true });
  await milestones.getByRole("button", { name: "Add milestone" }).click();
  await milestones.getByLabel("Milestone", { exact: true }).fill("Default-deny network policies");

  const criteria = foundations.getByRole("group", { name: "Exit criteria of Foundations" });
  await criteria
    .getByRole("button", { name: "Add an exit criterion to Exit criteria of Foundations" })
    .click();
  await criteria.getByLabel("Criterion", { exact: true }).fill("80% of production runs as non-root");
  await criteria.getByLabel("Rule", { exact: true }).selectOption("controls-pass");
  await criteria.getByLabel("Threshold (% of components)").fill("80");

  const metrics = foundations.getByRole("group", { name: "Metrics", exact: true });
  await metrics.getByRole("button", { name: "Add metric" }).click();
  await metrics.getByLabel("Metric", { exact: true }).fill("runAsNonRoot enforced");
  await metrics.getByLabel("Target", { exact: true }).selectOption("number");
  await metrics.getByLabel("Target (components)").fill("2");

  await page.getByRole("button", { name: "Add phase" }).click();
  await page.getByRole("group", { name: "Phase 2", exact: true }).getByLabel("Phase name").fill("Scale out");

  // The file import's rules and messages, shown beside the field: an empty milestone title is refused.
  await milestones.getByLabel("Milestone", { exact: true }).fill("");
  await page.getByRole("button", { name: "Save roadmap" }).click();
  const title = milestones.getByLabel("Milestone", { exact: true });
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title.locator("xpath=..")).toContainText("Must not be empty");
  await title.fill("Default-deny network policies");
  await page.getByRole("button", { name: "Save roadmap" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Roadmap saved" })).toContainText("2 phase(s)");
  await page.screenshot({ path: "test-results/day-one/roadmap-editor.png", fullPage: true });

  // Two scans through the Upload page: a first one, then the fix.
  await uploadScan(page, slug, "production", {
    "web.yaml": unhardenedDeployment("web", "apps"),
    "api.yaml": hardenedDeployment("api"),
  });
  await uploadScan(page, slug, "production", {
    "web.yaml": hardenedDeployment("web"),
    "api.yaml": hardenedDeployment("api"),
  });

  // The milestone is ticked on the roadmap page for work done two days ago, in week 1.
  await page.goto(`/projects/${slug}/roadmap`);
  const stream = page.getByRole("region", { name: "Workload hardening milestones" });
  await stream.getByLabel("Done on (Default-deny network policies)").fill(day(-2));
  await stream.getByLabel("Note for Default-deny network policies (optional)").fill("policies applied");
  const box = stream.getByRole("checkbox", { name: /Default-deny network policies/ });
  await box.check();
  await expect(box).toBeChecked();
  await expect(stream.getByText(/recorded \d{4}-\d{2}-\d{2} by /)).toBeVisible();

  const program = await (
    await page.request.get(`/api/v1/projects/${slug}/program`, { headers: { accept: "application/json" } })
  ).json();
  expect(program.phases.map((p: { name: string }) => p.name)).toEqual(["Foundations", "Scale out"]);
  const milestone = program.phases[0].milestones[0];
  const week1 = program.phases[0].weeks[0];
  expect(milestone.done).toMatchObject({ on: day(-2), note: "policies applied" });

  await page.goto(`/projects/${slug}/report?period=${week1.id}`);
  const pdf = await download(page, "PDF");
  // Table cells wrap in the PDF: compare the text without its line breaks and spaces.
  const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  expect(text).toContain("Week1");
  // Its recorded change names the day the work was done.
  expect(text).toContain(`tickedmilestone${milestone.id},doneon${day(-2)}(policiesapplied)`);

  // Every edit is in the audit log: program creation and the roadmap saved in the editor.
  await page.goto(`/projects/${slug}/settings`);
  const audit = page.getByRole("region", { name: "Audit log" });
  await expect(audit.getByRole("cell", { name: "project.create" })).toBeVisible();
  await expect(audit.getByRole("cell", { name: "program.create" })).toBeVisible();
  // The Upload page's environment pattern compiles (Chromium logs an error for an invalid one).
  expect(consoleErrors.filter((e) => /pattern/i.test(e))).toEqual([]);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  // The browser's favicon request finds the brand mark, not a 404.
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\//);
});

test("a program without a roadmap gets the report of its two scans", async ({ page, browser }) => {
  test.setTimeout(420_000);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  const slug = await createProgram(page, "No Roadmap Yet", ["production"], "public");
  // A visitor reads the public program but learns how to upload before choosing any file: no form to fill.
  const visitor = await browser.newContext();
  const anonymous = await visitor.newPage();
  await anonymous.goto(`${ORIGIN}/projects/${slug}/upload`);
  await expect(anonymous.getByRole("link", { name: "Sign in to upload" })).toBeVisible();
  await expect(anonymous.getByLabel("Choose files")).toHaveCount(0);
  await visitor.close();
  await uploadScan(page, slug, "production", { "web.yaml": unhardenedDeployment("web", "apps") });
  await uploadScan(page, slug, "production", { "web.yaml": hardenedDeployment("web") });

  await page.goto(`/projects/${slug}/report`);
  const compare = page.getByRole("form", { name: "Compare two scans" });
  await compare.getByRole("button", { name: "Compare" }).click();
  const markdown = readFileSync(await download(page, "Markdown"), "utf8");
  expect(markdown).toContain("No Roadmap Yet");
  expect(markdown).toMatch(/no roadmap/i);
  const pdf = execFileSync("pdftotext", ["-layout", await download(page, "PDF"), "-"], { encoding: "utf8" });
  expect(pdf).toContain("No Roadmap Yet");
});
