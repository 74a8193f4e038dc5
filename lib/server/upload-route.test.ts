import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/projects/[slug]/uploads/route";
import { deploymentYaml, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { getDb } from "./db";

let token = "";

function upload(slug: string, files: [string, string][], query = "environment=production") {
  const form = new FormData();
  for (const [name, content] of files) form.append("files", new File([content], name), name);
  return POST(
    new Request(`http://rampart.test/api/v1/projects/${slug}/uploads?${query}`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token}` },
    }),
    {
      params: Promise.resolve({ slug }),
    },
  );
}

describe("POST /api/v1/projects/{slug}/uploads", () => {
  const slug = uniqueSlug("upload");
  beforeAll(async () => {
    await createProject(SYSTEM, {
      slug,
      name: "Upload test",
      config: {
        apiVersion: "rampart.io/v1",
        kind: "ProjectConfig",
        categories: [{ name: "Storefront", selectors: [{ name: "shop-*" }] }],
      },
    });
    token = (await createApiToken(SYSTEM, slug, { name: "ui", scope: "ingest" })).token;
  });

  it("scans uploaded manifests (a folder's relative paths) with the project's config and stores the scan", async () => {
    const response = await upload(slug, [
      ["k8s/shop-api.yaml", deploymentYaml("shop-api")],
      ["k8s/batch/worker.yml", deploymentYaml("worker", { hardened: false })],
      ["k8s/README.md", "# not a manifest"],
    ]);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.workloads).toBe(2);
    const db = await getDb();
    const workloads = await db.scanWorkload.findMany({
      where: { scanId: body.scan.id },
      include: { component: true },
      orderBy: { file: "asc" },
    });
    expect(workloads.map((w) => [w.file, w.component.name, w.category])).toEqual([
      ["k8s/batch/worker.yml", "worker", "platform"],
      ["k8s/shop-api.yaml", "shop-api", "Storefront"],
    ]);
    const scan = await db.scan.findUniqueOrThrow({ where: { id: body.scan.id } });
    expect(scan.source).toBe("upload");
  });

  it("ingests a lone result file as it is (another tool's output)", async () => {
    const sample = readFileSync(path.join(process.cwd(), "lib/importers/samples/polaris-audit.json"), "utf8");
    const response = await upload(slug, [["polaris.json", sample]], "environment=imported");
    expect(response.status).toBe(201);
    const db = await getDb();
    const scan = await db.scan.findUniqueOrThrow({ where: { id: (await response.json()).scan.id } });
    expect(scan.source).toBe("polaris");
  });

  it.each([
    [
      "a path-traversal file name",
      [["../../etc/passwd.yaml", deploymentYaml("x")]] as [string, string][],
      422,
      /files\[0\].*without "\.\."/,
    ],
    ["no manifest at all", [["notes.txt", "hello"]] as [string, string][], 422, /no \.yaml/],
    // Issue 11: a 9 MB file of "xxxx" stored an empty scan that became "latest".
    [
      "a 9 MB manifest of xxxx (no Kubernetes object)",
      [["junk.yaml", "x".repeat(9 * 1024 * 1024)]] as [string, string][],
      422,
      /no Kubernetes object found in the uploaded files.*junk\.yaml/,
    ],
    [
      "manifests without any Kubernetes object",
      [
        ["README.yaml", "# just a comment\ntitle: not a manifest\n"],
        ["empty.yml", ""],
      ] as [string, string][],
      422,
      /no Kubernetes object found/,
    ],
    // Issue 11: file names with bidi controls or other control characters.
    [
      "a name with a bidi override (U+202E)",
      [["evil\u202Elmy.yaml", deploymentYaml("x")]] as [string, string][],
      422,
      /files\[0\].*U\+202E/,
    ],
    [
      "a name with U+0085 (next line)",
      [["next\u0085line.yaml", deploymentYaml("x")]] as [string, string][],
      422,
      /files\[0\].*U\+0085/,
    ],
    [
      "a name with a bidi isolate (U+2067)",
      [["k8s/\u2067a.yaml", deploymentYaml("x")]] as [string, string][],
      422,
      /U\+2067/,
    ],
  ])("rejects %s with a 4xx naming the file and writes nothing", async (_name, files, status, message) => {
    const db = await getDb();
    const before = await Promise.all([db.scan.count(), db.environment.count(), db.component.count()]);
    const response = await upload(slug, files, "environment=refused");
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(message);
    expect(await Promise.all([db.scan.count(), db.environment.count(), db.component.count()])).toEqual(
      before,
    );
  });

  it("survives an alias bomb: the file becomes a per-file error, the rest of the upload is stored", async () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from({ length: 9 }, (_, i) => {
        const ref = `*${String.fromCharCode(97 + i)}`;
        return `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(ref).join(", ")}]`;
      }),
    ].join("\n");
    const response = await upload(
      slug,
      [
        ["bomb.yaml", bomb],
        ["ok.yaml", deploymentYaml("survivor")],
      ],
      "environment=bombed",
    );
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.workloads).toBe(1);
    expect(body.errors.map((e: { file: string }) => e.file)).toEqual(["bomb.yaml"]);
    expect(body.errors[0].message).toMatch(/alias/i);
  });

  it("rejects a body that is not multipart", async () => {
    const response = await POST(
      new Request(`http://rampart.test/api/v1/projects/${slug}/uploads?environment=production`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": "2",
          authorization: `Bearer ${token}`,
        },
        body: "{}",
      }),
      { params: Promise.resolve({ slug }) },
    );
    expect(response.status).toBe(400);
  });
});
