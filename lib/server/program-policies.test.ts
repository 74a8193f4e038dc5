/** A program's policy set (issue 13 §3): saved, replaced, listed and deleted through the API, audited. */
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE, PUT } from "@/app/api/v1/projects/[slug]/policies/[name]/route";
import { GET } from "@/app/api/v1/projects/[slug]/policies/route";
import { TRUSTED_REGISTRY_POLICY, uniqueSlug } from "@/test/factories";
import { sessionCookie } from "@/test/sign-in";
import { SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { setMembership } from "./set-membership";

const ORIGIN = "http://rampart.test";
const PASSWORD = "correct horse battery staple";

let cookie = "";
const req = (slug: string, name: string, method: string, body?: unknown) =>
  new Request(`${ORIGIN}/api/v1/projects/${slug}/policies/${name}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { cookie, origin: ORIGIN, "content-type": "application/json" },
  });
const ctx = (slug: string, name: string) => ({ params: Promise.resolve({ slug, name }) });

describe("program policy set API", () => {
  const slug = uniqueSlug("policies");
  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Policies" });
    const email = `editor-${slug}@example.com`;
    await createUser(SYSTEM, { name: "editor", email, password: PASSWORD });
    await setMembership(SYSTEM, slug, { email, role: "editor" });
    cookie = await sessionCookie(email, PASSWORD);
  });

  it("creates (201), keeps an identical save (200, one audit entry), replaces, lists and deletes", async () => {
    const created = await PUT(
      req(slug, "trusted-registry", "PUT", {
        text: TRUSTED_REGISTRY_POLICY,
        source: "policies/trusted.yaml",
      }),
      ctx(slug, "trusted-registry"),
    );
    expect(created.status).toBe(201);
    const { policy } = await created.json();
    expect(policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const same = await PUT(
      req(slug, "trusted-registry", "PUT", {
        text: TRUSTED_REGISTRY_POLICY,
        source: "policies/trusted.yaml",
      }),
      ctx(slug, "trusted-registry"),
    );
    expect(same.status).toBe(200);
    const changed = TRUSTED_REGISTRY_POLICY.replace("harbor.example.com/", "harbor.internal/");
    const replaced = await PUT(
      req(slug, "trusted-registry", "PUT", { text: changed }),
      ctx(slug, "trusted-registry"),
    );
    expect(replaced.status).toBe(200);
    const list = await (
      await GET(
        new Request(`${ORIGIN}/api/v1/projects/${slug}/policies`, {
          headers: { cookie },
        }),
        {
          params: Promise.resolve({ slug }),
        },
      )
    ).json();
    expect(list.policies).toHaveLength(1);
    expect(list.policies[0]).toMatchObject({ name: "trusted-registry", source: "editor", text: changed });
    expect(list.policies[0].hash).not.toBe(policy.hash);
    const db = await getDb();
    const audit = await db.auditLog.findMany({
      where: { target: "policy trusted-registry", project: { slug } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["policy.create", "policy.update"]);
    expect(
      (await DELETE(req(slug, "trusted-registry", "DELETE"), ctx(slug, "trusted-registry"))).status,
    ).toBe(204);
    expect(
      (await DELETE(req(slug, "trusted-registry", "DELETE"), ctx(slug, "trusted-registry"))).status,
    ).toBe(404);
  });

  it.each([
    ["not YAML", "a: [1,\nb: 2", /line 2/],
    ["no policy", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", /no ValidatingAdmissionPolicy/],
    ["not an object", "- 1\n- 2\n", /document 1: expected a Kubernetes object/],
  ])("refuses %s with a 4xx naming the text", async (_what, text, message) => {
    const response = await PUT(req(slug, "bad", "PUT", { text }), ctx(slug, "bad"));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = await response.json();
    expect(`${body.field ?? ""} ${body.error}`).toMatch(/text/);
    expect(body.error).toMatch(message);
  });

  it("refuses a name that is not a Kubernetes name", async () => {
    const response = await PUT(
      req(slug, "Bad_Name", "PUT", { text: TRUSTED_REGISTRY_POLICY }),
      ctx(slug, "Bad_Name"),
    );
    expect(response.status).toBe(422);
  });
});
