import { beforeAll, describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/v1/projects/[slug]/route";
import { POST } from "@/app/api/v1/projects/route";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { signInInstanceAdmin, TEST_ORIGIN as ORIGIN } from "@/test/sign-in";
import { SYSTEM } from "./actor";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { findProject } from "./find-project";

describe("program settings (create with environments, PATCH)", () => {
  const tag = uniqueSlug("settings");
  let headers: () => Headers;

  beforeAll(async () => {
    headers = await signInInstanceAdmin(tag);
  });

  const create = (body: unknown) =>
    POST(
      new Request(`${ORIGIN}/api/v1/projects`, {
        method: "POST",
        headers: headers(),
        body: JSON.stringify(body),
      }),
    );
  const patch = (slug: string, body: unknown) =>
    PATCH(
      new Request(`${ORIGIN}/api/v1/projects/${slug}`, {
        method: "PATCH",
        headers: headers(),
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ slug }) },
    );

  it("creates a program with its description, visibility and environments", async () => {
    const slug = `${tag}-new`;
    const response = await create({
      slug,
      name: "Day one",
      description: "Hardening the shop",
      visibility: "public",
      environments: [{ name: "production", description: "EKS" }, { name: "staging" }],
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const project = await findProject(SYSTEM, slug);
    expect(project).toMatchObject({ name: "Day one", description: "Hardening the shop", public: true });
    expect(project.environments).toEqual([
      { name: "production", description: "EKS" },
      { name: "staging", description: "" },
    ]);
  });

  it("refuses an environment name a program file could not refer to, and the reserved slug, naming the field", async () => {
    const response = await create({ slug: `${tag}-bad`, name: "Bad", environments: [{ name: "Prod_1" }] });
    expect(response.status).toBe(422);
    expect((await response.json()).field).toBe("environments[0].name");
    const dup = await create({
      slug: `${tag}-dup`,
      name: "Dup",
      environments: [{ name: "prod" }, { name: "prod" }],
    });
    expect(dup.status).toBe(422);
    expect((await dup.json()).field).toBe("environments[1].name");
    // /projects/new is the new-program page: no program may take that address.
    const reserved = await create({ slug: "new", name: "New" });
    expect(reserved.status).toBe(422);
    expect((await reserved.json()).field).toBe("slug");
  });

  it("changes every setting, audited before → after, and keeps environments that hold scans", async () => {
    const slug = `${tag}-edit`;
    expect(
      (await create({ slug, name: "Old", environments: [{ name: "production" }, { name: "dev" }] })).status,
    ).toBe(201);
    await createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "production" },
      result: scanOf({ "a.yaml": deploymentYaml("kept") }),
      source: "rampart",
    });

    const refused = await patch(slug, { name: "Never", environments: [{ name: "dev" }] });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ field: "environments" });
    expect((await findProject(SYSTEM, slug)).name).toBe("Old");

    const renamed = `${tag}-renamed`;
    const response = await patch(slug, {
      slug: renamed,
      name: "New name",
      description: "Now described",
      visibility: "public",
      environments: [{ name: "production", description: "EKS eu-west-1" }, { name: "staging" }],
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const project = await findProject(SYSTEM, renamed);
    expect(project).toMatchObject({ name: "New name", description: "Now described", public: true });
    expect(project.environments.map((e) => e.name)).toEqual(["production", "staging"]);
    await expect(findProject(SYSTEM, slug)).rejects.toThrow(/not found/);

    const db = await getDb();
    const entry = await db.auditLog.findFirstOrThrow({
      where: { action: "project.update", target: `project ${renamed}` },
    });
    expect(entry.actorLabel).toContain(`root-${tag}`);
    expect(entry.before).toMatchObject({ slug, name: "Old", visibility: "private" });
    expect(entry.after).toMatchObject({ slug: renamed, name: "New name", visibility: "public" });
    expect(entry.after).toHaveProperty("environments", [
      { name: "production", description: "EKS eu-west-1" },
      { name: "staging", description: "" },
    ]);
  });

  it("answers 409 for a slug already taken, 422 for an empty body, and changes nothing", async () => {
    const a = `${tag}-a`;
    const b = `${tag}-b`;
    await create({ slug: a, name: "A" });
    await create({ slug: b, name: "B" });
    expect((await patch(a, { slug: b, name: "Clash" })).status).toBe(409);
    expect((await findProject(SYSTEM, a)).name).toBe("A");
    expect((await patch(a, {})).status).toBe(422);
    expect((await patch(a, { owner: "x" })).status).toBe(422);
  });
});
