import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/projects/[slug]/scans/route";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { getDb } from "./db";

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
