import { beforeAll, describe, expect, it } from "vitest";
import { GET as getDiff } from "@/app/api/v1/projects/[slug]/diff/route";
import { DELETE as deleteScanRoute } from "@/app/api/v1/projects/[slug]/scans/[scanId]/route";
import { GET, POST } from "@/app/api/v1/projects/[slug]/scans/route";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { type Actor, SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { deleteScan } from "./delete-scan";
import { NotFoundError } from "./errors";
import { findLatestScans } from "./find-latest-scans";
import { setMembership } from "./set-membership";

const PASSWORD = "correct horse battery staple";

// The ingest edge, called as Next calls it: a Request in, a Response out, against the real database.
const tokens: Record<string, string> = {};

function post(slug: string, body: string, { query = "environment=production", headers = {} } = {}) {
  const request = new Request(`http://rampart.test/api/v1/projects/${slug}/scans?${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${tokens.ingest}`, ...headers },
    body,
  });
  return POST(request, { params: Promise.resolve({ slug }) });
}

async function rowCounts() {
  const db = await getDb();
  return Promise.all([
    db.scan.count(),
    db.component.count(),
    db.scanWorkload.count(),
    db.controlResult.count(),
    db.environment.count(),
  ]);
}

describe("POST /api/v1/projects/{slug}/scans", () => {
  let slug: string;
  const valid = JSON.stringify(scanOf({ "deploy.yaml": deploymentYaml("api") }));
  beforeAll(async () => {
    slug = uniqueSlug("route");
    await createProject(SYSTEM, { slug, name: "Route test" });
    tokens.ingest = (await createApiToken(SYSTEM, slug, { name: "ci", scope: "ingest" })).token;
    tokens.read = (await createApiToken(SYSTEM, slug, { name: "dashboards", scope: "read" })).token;
  });

  it("stores a scan (201), answers the same scan again with 200, and lists it", async () => {
    const first = await post(slug, valid);
    expect(first.status).toBe(201);
    const { scan } = await first.json();
    const again = await post(slug, valid);
    expect(again.status).toBe(200);
    expect((await again.json()).scan.id).toBe(scan.id);
    const list = await GET(
      new Request(`http://rampart.test/api/v1/projects/${slug}/scans?environment=production`, {
        headers: { authorization: `Bearer ${tokens.read}` },
      }),
      {
        params: Promise.resolve({ slug }),
      },
    );
    const body = await list.json();
    expect(body.scans.map((s: { id: string }) => s.id)).toEqual([scan.id]);
  });

  const bad: [string, () => Promise<Response>, number, RegExp][] = [
    ["invalid JSON", () => post(slug, "{not json"), 400, /not valid JSON/],
    ["an empty body", () => post(slug, ""), 400, /empty/],
    [
      "a wrong schemaVersion",
      () => post(slug, JSON.stringify({ ...JSON.parse(valid), schemaVersion: 2 })),
      422,
      /schemaVersion/,
    ],
    [
      "an unknown control id",
      () => {
        const result = JSON.parse(valid);
        result.workloads[0].controls["made-up-control"] = { status: "pass", message: "", containers: [] };
        return post(slug, JSON.stringify(result));
      },
      422,
      /workloads\[0\]\.controls\.made-up-control/,
    ],
    ["a missing environment", () => post(slug, valid, { query: "" }), 422, /environment/],
    ["an unknown project", () => post("no-such-project", valid), 404, /not found/],
    [
      "an oversized body",
      () => post(slug, JSON.stringify({ padding: "x".repeat(26 * 1024 * 1024) })),
      413,
      /exceeds the limit/,
    ],
  ];

  it.each(bad)(
    "answers %s with a 4xx naming the problem and writes nothing",
    async (_name, send, status, message) => {
      const before = await rowCounts();
      const response = await send();
      expect(response.status).toBe(status);
      expect((await response.json()).error).toMatch(message);
      expect(await rowCounts()).toEqual(before);
    },
  );
});

// Issue 11, finding "Idempotency hid a regression": the baseline pushed again after a hardened scan answered 200
// with the old scan and "latest" stayed the hardened one.
describe("re-pushing a baseline after a hardened scan (a revert in the cluster)", () => {
  const slug = uniqueSlug("revert");
  const baseline = (at: string) =>
    JSON.stringify(scanOf({ "api.yaml": deploymentYaml("api", { hardened: false }) }, new Date(at)));
  const hardened = JSON.stringify(
    scanOf({ "api.yaml": deploymentYaml("api") }, new Date("2026-03-02T10:00:00Z")),
  );
  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Revert test" });
    tokens.revert = (await createApiToken(SYSTEM, slug, { name: "ci", scope: "ingest" })).token;
    tokens.revertRead = (await createApiToken(SYSTEM, slug, { name: "ro", scope: "read" })).token;
  });
  const push = (body: string, key: string) =>
    POST(
      new Request(`http://rampart.test/api/v1/projects/${slug}/scans?environment=production`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.revert}`, "idempotency-key": key },
        body,
      }),
      { params: Promise.resolve({ slug }) },
    );
  const pushWithoutKey = (body: string) =>
    POST(
      new Request(`http://rampart.test/api/v1/projects/${slug}/scans?environment=production`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.revert}` },
        body,
      }),
      { params: Promise.resolve({ slug }) },
    );

  it("stores baseline → hardened → baseline again as three scans: latest is the regression and the diff lists it; the same file re-sent answers 200 with the same scan", async () => {
    // As curl or the CLI of the time pushed them: no Idempotency-Key, each a new scan of the manifests.
    const first = await pushWithoutKey(baseline("2026-03-01T10:00:00Z"));
    const second = await pushWithoutKey(hardened);
    const revertBody = baseline("2026-03-03T10:00:00Z");
    const third = await pushWithoutKey(revertBody);
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    const [a, b, c] = await Promise.all([first.json(), second.json(), third.json()]);
    expect(new Set([a.scan.id, b.scan.id, c.scan.id]).size).toBe(3);

    const [latest] = await findLatestScans(SYSTEM, slug);
    expect(latest.latest?.id).toBe(c.scan.id);

    const diff = await getDiff(
      new Request(`http://rampart.test/api/v1/projects/${slug}/diff?from=${b.scan.id}&to=${c.scan.id}`, {
        headers: { authorization: `Bearer ${tokens.revertRead}` },
      }),
      { params: Promise.resolve({ slug }) },
    );
    expect(diff.status).toBe(200);
    const { diff: changes } = await diff.json();
    const regressed = changes.regressed as { name: string; control: string }[];
    expect(regressed.map((r) => r.name)).toContain("api");
    expect(regressed.map((r) => r.control)).toContain("run-as-non-root");

    // The same result file sent again (same generatedAt) is the same observation: 200, the same scan.
    const resent = await pushWithoutKey(revertBody);
    expect(resent.status).toBe(200);
    expect((await resent.json()).scan.id).toBe(c.scan.id);
  });

  it("answers a retry with the run's Idempotency-Key with 200 and the same scan; a new run's key stores a new scan", async () => {
    const body = baseline("2026-03-05T10:00:00Z");
    const stored = await push(body, "run-5-eeeeeeee");
    expect(stored.status).toBe(201);
    const { scan } = await stored.json();
    const before = await rowCounts();
    const retry = await push(body, "run-5-eeeeeeee");
    expect(retry.status).toBe(200);
    expect((await retry.json()).scan.id).toBe(scan.id);
    expect(await rowCounts()).toEqual(before);
    const nextRun = await push(baseline("2026-03-05T11:00:00Z"), "run-6-ffffffff");
    expect(nextRun.status).toBe(201);
  });

  // Finding "Future-dated scans": refused at the edge, 422 naming the field; admins can delete a stored scan.
  it("answers a scan dated in the future with 422 naming generatedAt, and writes nothing", async () => {
    const before = await rowCounts();
    const future = JSON.stringify({
      ...JSON.parse(baseline("2026-03-01T10:00:00Z")),
      generatedAt: "9999-12-31T00:00:00Z",
    });
    const response = await pushWithoutKey(future);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.field).toBe("generatedAt");
    expect(body.error).toMatch(/in the future/);
    expect(await rowCounts()).toEqual(before);
  });

  it("lets a program admin delete a scan (audited): the previous scan is latest again; others are refused", async () => {
    const pushed = await push(baseline("2026-03-06T10:00:00Z"), "run-7-dddddddd");
    const { scan } = await pushed.json();
    const del = (headers: Record<string, string>, id = scan.id) =>
      deleteScanRoute(
        new Request(`http://rampart.test/api/v1/projects/${slug}/scans/${id}`, { method: "DELETE", headers }),
        { params: Promise.resolve({ slug, scanId: id }) },
      );
    // An ingest token may store scans, not delete them.
    expect((await del({ authorization: `Bearer ${tokens.revert}` })).status).toBe(403);
    expect((await del({ authorization: `Bearer ${tokens.revertRead}` })).status).toBe(403);
    const email = `admin-${slug}@example.com`;
    const user = await createUser(SYSTEM, { name: "admin", email, password: PASSWORD });
    await setMembership(SYSTEM, slug, { email, role: "admin" });
    // The route's answer per identity (sessions included) is in authorization-matrix.test.ts; here, the effect.
    const admin: Actor = { kind: "user", userId: user.id, label: email, instanceAdmin: false };
    await expect(deleteScan(admin, slug, "no-such-scan")).rejects.toBeInstanceOf(NotFoundError);
    expect(await deleteScan(admin, slug, scan.id)).toMatchObject({ id: scan.id, environment: "production" });
    const db = await getDb();
    expect(await db.scan.count({ where: { id: scan.id } })).toBe(0);
    expect(await db.controlResult.count({ where: { scanId: scan.id } })).toBe(0);
    const [latest] = await findLatestScans(SYSTEM, slug);
    expect(latest.latest?.takenAt.toISOString()).toBe("2026-03-05T11:00:00.000Z");
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "scan.delete", target: `scan ${scan.id}` },
    });
    expect(audit.before).toMatchObject({ environment: "production", takenAt: "2026-03-06T10:00:00.000Z" });
  });
});
