import { describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { POST as postUpload } from "@/app/api/v1/projects/[slug]/uploads/route";
import { deploymentYaml, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { createUser } from "./create-user";
import { getDb } from "./db";

describe("rate limits (stored in the database)", () => {
  it("stop password guessing: the 6th sign-in attempt within a minute from one address gets 429", async () => {
    const email = `guess-${uniqueSlug()}@example.com`;
    await createUser(SYSTEM, { name: "target", email, password: "the real password 123" });
    const attempt = () =>
      authPost(
        new Request("http://rampart.test/api/auth/sign-in/email", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: "http://rampart.test",
            "x-forwarded-for": "203.0.113.7",
          },
          body: JSON.stringify({ email, password: "wrong guess" }),
        }),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
  });

  it("limit uploads per caller: the 31st within a minute gets 429 with Retry-After and stores nothing", async () => {
    const slug = uniqueSlug("flood");
    await createProject(SYSTEM, { slug, name: "Flood" });
    const { token } = await createApiToken(SYSTEM, slug, { name: "flood", scope: "ingest" });
    const upload = (i: number) => {
      const form = new FormData();
      form.append("files", new File([deploymentYaml(`app-${i}`)], "a.yaml"), "a.yaml");
      return postUpload(
        new Request(`http://rampart.test/api/v1/projects/${slug}/uploads?environment=production`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
          body: form,
        }),
        { params: Promise.resolve({ slug }) },
      );
    };
    for (let i = 0; i < 30; i++) expect((await upload(i)).status).toBe(201);
    const db = await getDb();
    const before = await db.scan.count({ where: { project: { slug } } });
    const refused = await upload(30);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await db.scan.count({ where: { project: { slug } } })).toBe(before);
  });
});
