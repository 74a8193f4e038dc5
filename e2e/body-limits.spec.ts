import { expect, test } from "@playwright/test";
import { scanFiles } from "../lib/scanner";
import { createProject, signIn, unhardenedDeployment } from "./helpers";

// Issue 11, "Body limits": the documented 25 MB (RAMPART_MAX_BODY_BYTES) was really 10 MB, because Next buffers
// each body for proxy.ts and silently cut it there: a valid 12 MB scan got "not valid JSON", an 11 MB upload
// "expected multipart". Through the production server, as the CLI and the browser send them.
const MB = 1024 * 1024;
const LIMIT = 25 * MB;

/** A valid Rampart scan result of at least `bytes` bytes: one Deployment per document, each its own workload. */
function scanOfAtLeast(bytes: number): string {
  const one = unhardenedDeployment("sizing");
  const perWorkload = JSON.stringify(scanFiles([{ path: "one.yaml", content: one }]).workloads[0]).length;
  const count = Math.ceil(bytes / perWorkload) + 10;
  const documents = Array.from({ length: count }, (_, i) => unhardenedDeployment(`app-${i}`)).join("---\n");
  const json = JSON.stringify(scanFiles([{ path: "many.yaml", content: documents }]));
  expect(json.length).toBeGreaterThan(bytes);
  return json;
}

/** A Deployment manifest padded with YAML comment lines to `bytes` bytes. */
function paddedManifest(name: string, bytes: number): string {
  const manifest = unhardenedDeployment(name);
  const line = `# ${"padding ".repeat(15)}\n`;
  return manifest + line.repeat(Math.ceil((bytes - manifest.length) / line.length));
}

test.describe("request body limits", () => {
  test.setTimeout(240_000);
  let slug = "";
  let origin = "";

  test.beforeEach(async ({ page }) => {
    await signIn(page);
    origin = new URL(page.url()).origin;
    slug = await createProject(page, "e2e-limits");
  });

  test("a valid 12 MB scan is stored (201), not cut at 10 MB", async ({ page }) => {
    const body = scanOfAtLeast(12 * MB);
    const response = await page.request.post(`/api/v1/projects/${slug}/scans?environment=production`, {
      data: body,
      headers: { origin, "content-type": "application/json" },
      timeout: 180_000,
    });
    expect(response.status(), (await response.text()).slice(0, 300)).toBe(201);
    const { scan } = await response.json();
    const list = await (await page.request.get(`/api/v1/projects/${slug}/scans`)).json();
    expect(list.scans[0]).toMatchObject({ id: scan.id, workloadCount: JSON.parse(body).workloads.length });
  });

  test("an 11 MB multipart upload of manifests is scanned and stored (201)", async ({ page }) => {
    const multipart = new FormData();
    for (const name of ["first", "second"]) {
      multipart.append("files", new Blob([paddedManifest(name, 5.5 * MB)]), `${name}.yaml`);
    }
    const response = await page.request.post(`/api/v1/projects/${slug}/uploads?environment=production`, {
      multipart,
      headers: { origin },
      timeout: 180_000,
    });
    expect(response.status(), (await response.text()).slice(0, 300)).toBe(201);
    expect((await response.json()).workloads).toBe(2);
  });

  test("a body over the limit is answered 413 naming the limit, and nothing is stored", async ({ page }) => {
    const tooLarge = `{"padding":"${"x".repeat(LIMIT)}"}`;
    const json = await page.request.post(`/api/v1/projects/${slug}/scans?environment=production`, {
      data: tooLarge,
      headers: { origin, "content-type": "application/json" },
      timeout: 180_000,
    });
    expect(json.status()).toBe(413);
    expect((await json.json()).error).toContain(`${LIMIT} bytes`);

    const multipart = new FormData();
    for (const name of ["a", "b", "c"]) {
      multipart.append("files", new Blob([paddedManifest(name, 9 * MB)]), `${name}.yaml`);
    }
    const upload = await page.request.post(`/api/v1/projects/${slug}/uploads?environment=production`, {
      multipart,
      headers: { origin },
      timeout: 180_000,
    });
    expect(upload.status()).toBe(413);
    expect((await upload.json()).error).toContain(`${LIMIT} bytes`);

    // Without a Content-Length (chunked), the body is counted as it arrives: still 413, never truncated JSON.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const chunk = new TextEncoder().encode("x".repeat(MB));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"padding":"'));
        if (sent > LIMIT + MB) {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += chunk.length;
      },
    });
    const chunked = await fetch(`${origin}/api/v1/projects/${slug}/scans?environment=production`, {
      method: "POST",
      headers: { cookie, origin, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: string }).error).toContain(`${LIMIT} bytes`);

    const list = await (await page.request.get(`/api/v1/projects/${slug}/scans`)).json();
    expect(list.scans).toEqual([]);
  });
});
