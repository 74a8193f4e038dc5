import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { createProject, signIn, unhardenedDeployment, uploadManifests } from "./helpers";

// Each payload tries another way out of a text node or an attribute; `|` and backticks would break a Markdown
// table or code span if anything rendered these fields as Markdown.
const PAYLOADS = {
  img: "<img src=x onerror=alert(1)>",
  script: "<script>window.__pwned=1</script>",
  svg: `"><svg onload=alert(1)>`,
  js: "javascript:alert(document.cookie)",
  markdown: "a | b `c` |",
};
const ALL = Object.values(PAYLOADS).join(" ");
const tagged = (label: string) => `${label} ${ALL}`;

/** Nothing injected ran or became an element: no dialog, no img[src=x], no on* handler, no __pwned. */
async function expectInert(page: Page, dialogs: string[]) {
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator("[onerror], [onload]").count()).toBe(0);
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
}

test("hostile text in every user-controlled field renders literally on every page and never executes", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page);
  const origin = new URL(page.url()).origin;
  const headers = { origin };
  const slug = await createProject(page, "e2e-hostile");

  // A roadmap (the demo's program file) to carry a hostile milestone and exit-criterion note.
  const program = readFileSync("examples/maestro/program.yaml", "utf8").replace(
    "slug: maestro",
    `slug: ${slug}`,
  );
  const roadmap = await page.request.put(`/api/v1/projects/${slug}/program`, { data: program, headers });
  expect(roadmap.status(), await roadmap.text()).toBe(201);
  const milestone = await page.request.post(`/api/v1/projects/${slug}/milestones`, {
    data: { workStream: "rbac", title: tagged("Milestone"), week: 4 },
    headers,
  });
  expect(milestone.status(), await milestone.text()).toBe(201);
  const criterion = await page.request.put(`/api/v1/projects/${slug}/exit-criteria/w1-plan-approved`, {
    // Done within Phase 2 (the demo's dates are past): a tick done today would fall after the phase ended, and a
    // finished phase shows its criteria as of its last day.
    data: { met: true, note: tagged("Note"), doneOn: "2025-10-10" },
    headers,
  });
  expect(criterion.status(), await criterion.text()).toBe(200);

  // A component named with every payload (the helper quotes it for YAML), failing its controls.
  const componentName = tagged("Component");
  await uploadManifests(page, slug, { "hostile.yaml": unhardenedDeployment(componentName) });
  const exception = await page.request.post(`/api/v1/projects/${slug}/exceptions`, {
    data: {
      selector: { kind: "Deployment" },
      control: "run-as-non-root",
      justification: tagged("Justification"),
      owner: tagged("Owner"),
    },
    headers,
  });
  expect(exception.status(), await exception.text()).toBe(201);

  // An account with a hostile name, member of the program.
  const email = `hostile-${randomUUID().slice(0, 8)}@example.com`;
  const user = await page.request.post("/api/v1/users", {
    data: { email, name: tagged("User"), password: "hostile-user-password" },
    headers,
  });
  expect(user.status(), await user.text()).toBe(201);
  const member = await page.request.put(`/api/v1/projects/${slug}/members`, {
    data: { email, role: "viewer" },
    headers,
  });
  expect(member.status(), await member.text()).toBe(200);

  const componentId = await (async () => {
    await page.goto(`/projects/${slug}/components`);
    const link = page.getByRole("link", { name: componentName });
    await expect(link).toBeVisible();
    return ((await link.getAttribute("href")) ?? "").split("/").pop() ?? "";
  })();
  const scans = await (await page.request.get(`/api/v1/projects/${slug}/scans`)).json();
  const scanId = scans.scans[0].id as string;

  const pages: [string, string[]][] = [
    [`/projects/${slug}`, []],
    [`/projects/${slug}/components`, [componentName]],
    [`/projects/${slug}/components/${componentId}`, [componentName, tagged("Justification")]],
    // The milestone (work stream rbac) and the criterion (w1-plan-approved) are Phase 2's. Every phase of the
    // demo's dates is past and today's scan falls in none, so the pages open on the last phase: name Phase 2.
    [`/projects/${slug}/roadmap?phase=phase-2`, [tagged("Milestone")]],
    [`/projects/${slug}/exit-criteria?phase=phase-2`, [tagged("Note")]],
    [`/projects/${slug}/scans`, []],
    [`/projects/${slug}/scans/${scanId}`, []],
    [`/projects/${slug}/exceptions`, [tagged("Justification"), tagged("Owner"), componentName]],
    [`/projects/${slug}/settings`, [tagged("User")]],
    ["/admin/users", [tagged("User")]],
  ];
  for (const [path, texts] of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    for (const text of texts) await expect(page.getByText(text).first(), `${path}: ${text}`).toBeVisible();
    await expectInert(page, dialogs);
  }
  // The audit log shows the hostile values too, as text.
  await page.goto(`/projects/${slug}/settings`);
  await expect(page.getByRole("row", { name: /exception\.create/ })).toContainText(PAYLOADS.img);
  await expectInert(page, dialogs);
});

test("oversized and malformed bodies to the exceptions API get a clear 4xx and change nothing", async ({
  page,
}) => {
  await signIn(page);
  const origin = new URL(page.url()).origin;
  const headers = { origin, "content-type": "application/json" };
  const slug = await createProject(page, "e2e-hostile-api");
  const created = await page.request.post(`/api/v1/projects/${slug}/exceptions`, {
    data: { selector: { name: "api" }, control: "seccomp-profile", justification: "Kept", owner: "team" },
    headers,
  });
  expect(created.status()).toBe(201);
  const { exception } = await created.json();
  const snapshot = async () =>
    (await (await page.request.get(`/api/v1/projects/${slug}/exceptions`)).json()).stored;
  const before = await snapshot();

  const base = `/api/v1/projects/${slug}/exceptions`;
  const cases: { method: "post" | "patch"; path: string; body: string; status: number; says: RegExp }[] = [
    {
      method: "post",
      path: base,
      body: JSON.stringify({
        selector: { name: "x" },
        control: "seccomp-profile",
        justification: "j".repeat(40_000),
        owner: "o",
      }),
      status: 413,
      says: /exceeds the limit/,
    },
    { method: "post", path: base, body: '{"selector": {"name": ', status: 400, says: /not valid JSON/ },
    { method: "post", path: base, body: "", status: 400, says: /empty/ },
    { method: "post", path: base, body: "null", status: 422, says: /\(root\)/ },
    {
      method: "post",
      path: base,
      body: JSON.stringify({ selector: "promtail", control: 42, justification: [], owner: {} }),
      status: 422,
      says: /selector/,
    },
    {
      method: "post",
      path: base,
      body: JSON.stringify({
        selector: { name: "x" },
        control: "seccomp-profile",
        justification: "j",
        owner: "o",
        __proto__: { admin: true },
        constructor: 1,
      }),
      status: 422,
      says: /constructor|unrecognized/i,
    },
    {
      method: "patch",
      path: `${base}/${exception.id}`,
      body: "x".repeat(20_000),
      status: 413,
      says: /exceeds the limit/,
    },
    { method: "patch", path: `${base}/${exception.id}`, body: "{]", status: 400, says: /not valid JSON/ },
    {
      method: "patch",
      path: `${base}/${exception.id}`,
      body: JSON.stringify({ owner: "   " }),
      status: 422,
      says: /owner/,
    },
    {
      method: "patch",
      path: `${base}/no-such-id`,
      body: JSON.stringify({ owner: "x" }),
      status: 404,
      says: /not found/,
    },
  ];
  for (const c of cases) {
    const response = await page.request[c.method](c.path, { data: Buffer.from(c.body), headers });
    const body = await response.json();
    expect(response.status(), `${c.method} ${c.body.slice(0, 60)}: ${JSON.stringify(body)}`).toBe(c.status);
    expect(body.error).toMatch(c.says);
  }
  const deleted = await page.request.delete(`${base}/no-such-id`, { headers });
  expect(deleted.status()).toBe(404);
  expect(await snapshot()).toEqual(before);
});
