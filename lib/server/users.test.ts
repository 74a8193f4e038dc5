import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/users/route";
import { uniqueSlug } from "@/test/factories";
import { sessionCookie } from "@/test/sign-in";
import { SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createUser } from "./create-user";
import { getDb } from "./db";
import type { UserListItem } from "./find-users";
import { setMembership } from "./set-membership";

const ORIGIN = "http://rampart.test";
const PASSWORD = "correct horse battery staple";

describe("account administration", () => {
  const tag = uniqueSlug("users");
  let headers: () => Headers;

  beforeAll(async () => {
    const email = `root-${tag}@example.com`;
    await createUser(SYSTEM, { name: "root", email, password: PASSWORD, instanceAdmin: true });
    const cookie = await sessionCookie(email, PASSWORD);
    headers = () => new Headers({ "content-type": "application/json", cookie, origin: ORIGIN });
  });

  const post = (body: unknown) =>
    POST(
      new Request(`${ORIGIN}/api/v1/users`, {
        method: "POST",
        headers: headers(),
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );

  it("creates an account that signs in with its initial password and can then join a program", async () => {
    const email = `New.Person-${tag}@Example.com`;
    const response = await post({ email, name: "New Person", password: "a long initial password" });
    expect(response.status, await response.clone().text()).toBe(201);
    const { user } = await response.json();
    expect(user).toMatchObject({ email: email.toLowerCase(), name: "New Person" });
    expect(await sessionCookie(email.toLowerCase(), "a long initial password")).toMatch(
      /^rampart\.session_token=/,
    );

    const slug = uniqueSlug("users-project");
    await createProject(SYSTEM, { slug, name: "Joined" });
    await setMembership(SYSTEM, slug, { email: email.toLowerCase(), role: "editor" });
    const listed = await (await GET(new Request(`${ORIGIN}/api/v1/users`, { headers: headers() }))).json();
    const row = (listed.users as UserListItem[]).find((u) => u.id === user.id);
    expect(row).toMatchObject({
      instanceAdmin: false,
      memberships: [{ slug, name: "Joined", role: "editor" }],
    });

    const db = await getDb();
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "user.create", target: `user ${email.toLowerCase()}` },
    });
    expect(audit.actorLabel).toBe(`root-${tag}@example.com`);
    expect(JSON.stringify(audit.after)).not.toContain("a long initial password");
  });

  it("refuses bad input with the field named, and a taken email with 409, creating nothing", async () => {
    const db = await getDb();
    const before = await Promise.all([db.user.count(), db.account.count(), db.auditLog.count()]);
    const taken = `root-${tag}@example.com`;
    const cases: [unknown, number, string | undefined][] = [
      [{ email: "not-an-email", name: "x", password: PASSWORD }, 422, "email"],
      [{ email: `a-${tag}@example.com`, name: "  ", password: PASSWORD }, 422, "name"],
      [{ email: `a-${tag}@example.com`, name: "x", password: "short" }, 422, "password"],
      [{ email: `a-${tag}@example.com`, name: "x", password: PASSWORD, role: "admin" }, 422, "(root)"],
      [{ email: taken, name: "again", password: PASSWORD }, 409, undefined],
      [{ email: taken.toUpperCase(), name: "again", password: PASSWORD }, 409, undefined],
      ["{not json", 400, undefined],
      [
        JSON.stringify({ email: `a-${tag}@example.com`, name: "x".repeat(20_000), password: PASSWORD }),
        413,
        undefined,
      ],
    ];
    for (const [body, status, field] of cases) {
      const response = await post(body);
      const json = await response.json();
      expect(response.status, JSON.stringify(json)).toBe(status);
      if (field) expect(json.field).toBe(field);
    }
    expect(await Promise.all([db.user.count(), db.account.count(), db.auditLog.count()])).toEqual(before);
  });
});
