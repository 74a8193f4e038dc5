import { beforeAll, describe, expect, it } from "vitest";
import { PUT as putOwnPassword } from "@/app/api/v1/account/password/route";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { PUT as putMember } from "@/app/api/v1/projects/[slug]/members/route";
import { POST as postToken } from "@/app/api/v1/projects/[slug]/tokens/route";
import { PUT as putUserPassword } from "@/app/api/v1/users/[userId]/password/route";
import { PATCH as patchUser } from "@/app/api/v1/users/[userId]/route";
import { DELETE as deleteUserSessions } from "@/app/api/v1/users/[userId]/sessions/route";
import { GET, POST } from "@/app/api/v1/users/route";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-address";
import { uniqueSlug } from "@/test/factories";
import {
  sessionCookie,
  signInInstanceAdmin,
  TEST_ORIGIN as ORIGIN,
  TEST_PASSWORD as PASSWORD,
} from "@/test/sign-in";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { findSessionActor } from "./find-session-actor";
import { findTokenActor } from "./find-token-actor";
import type { UserListItem } from "./find-users";
import { setMembership } from "./set-membership";

describe("account administration", () => {
  const tag = uniqueSlug("users");
  let headers: () => Headers;

  beforeAll(async () => {
    headers = await signInInstanceAdmin(tag);
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

describe("accounts: passwords, disabling, sessions", () => {
  const tag = uniqueSlug("accounts");
  let admin: { email: string; cookie: string };
  let peer = 0;

  const jsonHeaders = (cookie: string) =>
    new Headers({ "content-type": "application/json", cookie, origin: ORIGIN });
  const whoIs = async (cookie: string) => (await findSessionActor(new Headers({ cookie }))).kind;
  /** A sign-in through the HTTP route (from a fresh address each time, so no address limit interferes). */
  const signInStatus = async (email: string, password: string) =>
    (
      await authPost(
        new Request(`${ORIGIN}/api/auth/sign-in/email`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: ORIGIN,
            [PEER_ADDRESS_HEADER]: `198.18.0.${++peer}`,
          },
          body: JSON.stringify({ email, password }),
        }),
      )
    ).status;
  async function account(name: string) {
    const email = `${name}-${tag}@example.com`;
    const { id } = await createUser(SYSTEM, { name, email, password: PASSWORD });
    return { id, email };
  }
  const params = <T extends object>(p: T) => ({ params: Promise.resolve(p) });

  beforeAll(async () => {
    const email = `admin-${tag}@example.com`;
    await createUser(SYSTEM, { name: "admin", email, password: PASSWORD, instanceAdmin: true });
    admin = { email, cookie: await sessionCookie(email, PASSWORD) };
  });

  it("changing a password revokes the user's other sessions (the session making the change stays), audited", async () => {
    const { email } = await account("changer");
    const here = await sessionCookie(email, PASSWORD);
    const elsewhere = [await sessionCookie(email, PASSWORD), await sessionCookie(email, PASSWORD)];
    const change = (body: unknown) =>
      putOwnPassword(
        new Request(`${ORIGIN}/api/v1/account/password`, {
          method: "PUT",
          headers: jsonHeaders(here),
          body: JSON.stringify(body),
        }),
      );

    const wrong = await change({
      currentPassword: "not my password at all",
      newPassword: "a brand new password",
    });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).field).toBe("currentPassword");
    expect(await whoIs(elsewhere[0])).toBe("user");
    const short = await change({ currentPassword: PASSWORD, newPassword: "short" });
    expect(short.status).toBe(422);
    expect((await short.json()).field).toBe("newPassword");

    const changed = await change({ currentPassword: PASSWORD, newPassword: "a brand new password" });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect(await changed.json()).toEqual({ endedSessions: 2 });
    expect(await whoIs(here)).toBe("user");
    for (const cookie of elsewhere) expect(await whoIs(cookie)).toBe("anonymous");
    expect(await signInStatus(email, PASSWORD)).toBe(401);
    expect(await signInStatus(email, "a brand new password")).toBe(200);
    const audit = await (await getDb()).auditLog.findFirstOrThrow({
      where: { action: "user.password.change", target: `user ${email}` },
    });
    expect(audit.actorLabel).toBe(email);
    expect(JSON.stringify(audit)).not.toContain("a brand new password");

    // Without a session (a token, anonymous) there is no "own" password.
    const anonymous = await putOwnPassword(
      new Request(`${ORIGIN}/api/v1/account/password`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ currentPassword: PASSWORD, newPassword: "whatever whatever" }),
      }),
    );
    expect(anonymous.status).toBe(401);
  });

  it("a disabled account cannot sign in, and its sessions and the API tokens it created stop working; enabling restores sign-in (audited)", async () => {
    const { id, email } = await account("disabled");
    const cookie = await sessionCookie(email, PASSWORD);
    const slug = uniqueSlug("disabled-tokens");
    await createProject(SYSTEM, { slug, name: "Disabled tokens" });
    await setMembership(SYSTEM, slug, { email, role: "admin" });
    const { token } = await createApiToken(
      { kind: "user", userId: id, label: email, instanceAdmin: false },
      slug,
      { name: "ci", scope: "read" },
    );
    expect((await findTokenActor(token)).kind).toBe("token");

    const patch = (disabled: boolean, cookieOf = admin.cookie) =>
      patchUser(
        new Request(`${ORIGIN}/api/v1/users/${id}`, {
          method: "PATCH",
          headers: jsonHeaders(cookieOf),
          body: JSON.stringify({ disabled }),
        }),
        params({ userId: id }),
      );
    const disabled = await patch(true);
    expect(disabled.status, await disabled.clone().text()).toBe(200);
    expect((await disabled.json()).user.disabledAt).toEqual(expect.any(String));
    expect(await whoIs(cookie)).toBe("anonymous");
    await expect(findTokenActor(token)).rejects.toThrow(/invalid, expired or revoked/);
    expect(await signInStatus(email, PASSWORD)).toBe(403);
    await expect(sessionCookie(email, PASSWORD)).rejects.toThrow();

    expect((await patch(false)).status).toBe(200);
    expect(await signInStatus(email, PASSWORD)).toBe(200);
    expect((await findTokenActor(token)).kind).toBe("token");
    const actions = (
      await (
        await getDb()
      ).auditLog.findMany({ where: { target: `user ${email}` }, orderBy: { createdAt: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["user.create", "user.disable", "user.enable"]);

    // Admins cannot lock themselves out; others cannot disable anyone.
    const adminId = (await (await getDb()).user.findUniqueOrThrow({ where: { email: admin.email } })).id;
    const self = await patchUser(
      new Request(`${ORIGIN}/api/v1/users/${adminId}`, {
        method: "PATCH",
        headers: jsonHeaders(admin.cookie),
        body: JSON.stringify({ disabled: true }),
      }),
      params({ userId: adminId }),
    );
    expect(self.status).toBe(422);
    expect((await self.json()).field).toBe("disabled");
    expect((await patch(true, await sessionCookie(email, PASSWORD))).status).toBe(403);
  });

  it("an instance admin resets a password: the old one stops working and every session ends (audited)", async () => {
    const { id, email } = await account("reset");
    const cookie = await sessionCookie(email, PASSWORD);
    const reset = await putUserPassword(
      new Request(`${ORIGIN}/api/v1/users/${id}/password`, {
        method: "PUT",
        headers: jsonHeaders(admin.cookie),
        body: JSON.stringify({ password: "set by the admin 42" }),
      }),
      params({ userId: id }),
    );
    expect(reset.status, await reset.clone().text()).toBe(200);
    expect(await reset.json()).toEqual({ endedSessions: 1 });
    expect(await whoIs(cookie)).toBe("anonymous");
    expect(await signInStatus(email, PASSWORD)).toBe(401);
    expect(await signInStatus(email, "set by the admin 42")).toBe(200);
    const entry = await (await getDb()).auditLog.findFirstOrThrow({
      where: { action: "user.password.reset", target: `user ${email}` },
    });
    expect(entry.actorLabel).toBe(admin.email);
    const unknown = await putUserPassword(
      new Request(`${ORIGIN}/api/v1/users/no-such-user/password`, {
        method: "PUT",
        headers: jsonHeaders(admin.cookie),
        body: JSON.stringify({ password: "set by the admin 42" }),
      }),
      params({ userId: "no-such-user" }),
    );
    expect(unknown.status).toBe(404);
  });

  it("an instance admin revokes an account's sessions: every cookie of it stops working (audited)", async () => {
    const { id, email } = await account("revoked");
    const cookies = [await sessionCookie(email, PASSWORD), await sessionCookie(email, PASSWORD)];
    const revoked = await deleteUserSessions(
      new Request(`${ORIGIN}/api/v1/users/${id}/sessions`, {
        method: "DELETE",
        headers: jsonHeaders(admin.cookie),
      }),
      params({ userId: id }),
    );
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ endedSessions: 2 });
    for (const cookie of cookies) expect(await whoIs(cookie)).toBe("anonymous");
    expect(
      await (await getDb()).auditLog.count({
        where: { action: "user.sessions.revoke", target: `user ${email}` },
      }),
    ).toBe(1);
  });

  it("a program keeps at least one admin: removing or demoting the last admin is refused (422), also when two admins demote each other at once", async () => {
    const slug = uniqueSlug("last-admin");
    await createProject(SYSTEM, { slug, name: "Last admin" });
    const first = await account("first-admin");
    const second = await account("second-admin");
    await setMembership(SYSTEM, slug, { email: first.email, role: "admin" });
    for (const role of [null, "editor"] as const) {
      await expect(setMembership(SYSTEM, slug, { email: first.email, role })).rejects.toThrow(
        /last admin: make another member admin first/,
      );
    }
    const response = await putMember(
      new Request(`${ORIGIN}/api/v1/projects/${slug}/members`, {
        method: "PUT",
        headers: jsonHeaders(admin.cookie),
        body: JSON.stringify({ email: first.email, role: null }),
      }),
      params({ slug }),
    );
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body).toMatchObject({ field: "role" });
    expect(body.error).toContain("last admin");

    await setMembership(SYSTEM, slug, { email: second.email, role: "admin" });
    const both = await Promise.allSettled([
      setMembership(SYSTEM, slug, { email: first.email, role: "viewer" }),
      setMembership(SYSTEM, slug, { email: second.email, role: "viewer" }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const db = await getDb();
    expect(await db.membership.count({ where: { project: { slug }, role: "admin" } })).toBe(1);
  });

  it("a token created with a past expiresAt is refused with 422 naming expiresAt, and nothing is stored", async () => {
    const slug = uniqueSlug("token-expiry");
    await createProject(SYSTEM, { slug, name: "Token expiry" });
    const db = await getDb();
    for (const expiresAt of [new Date(Date.now() - 60_000).toISOString(), "2001-01-01T00:00:00Z"]) {
      const before = await db.apiToken.count();
      const response = await postToken(
        new Request(`${ORIGIN}/api/v1/projects/${slug}/tokens`, {
          method: "POST",
          headers: jsonHeaders(admin.cookie),
          body: JSON.stringify({ name: "late", scope: "read", expiresAt }),
        }),
        params({ slug }),
      );
      const json = await response.json();
      expect(response.status, JSON.stringify(json)).toBe(422);
      expect(json.field).toBe("expiresAt");
      expect(await db.apiToken.count()).toBe(before);
    }
    const future = await postToken(
      new Request(`${ORIGIN}/api/v1/projects/${slug}/tokens`, {
        method: "POST",
        headers: jsonHeaders(admin.cookie),
        body: JSON.stringify({
          name: "ok",
          scope: "read",
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        }),
      }),
      params({ slug }),
    );
    expect(future.status).toBe(201);
  });
});
