import { beforeAll, describe, expect, it } from "vitest";
import { PATCH, DELETE as deleteRoute } from "@/app/api/v1/projects/[slug]/exceptions/[exceptionId]/route";
import { GET, POST } from "@/app/api/v1/projects/[slug]/exceptions/route";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { sessionCookie } from "@/test/sign-in";
import { SYSTEM } from "./actor";
import { createException } from "./create-exception";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { deleteException } from "./delete-exception";
import { ValidationError } from "./errors";
import { findComponent, findComponents } from "./find-components";
import { findExceptions } from "./find-exceptions";
import { findProgramFigures } from "./find-program-figures";
import { loadDemoProgram } from "./load-demo-program";
import { setMembership } from "./set-membership";
import { updateException } from "./update-exception";

const ORIGIN = "http://rampart.test";
const PASSWORD = "correct horse battery staple";
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

async function counts(projectId: string) {
  const db = await getDb();
  return Promise.all([
    db.exception.count({ where: { projectId } }),
    db.auditLog.count({ where: { projectId } }),
    db.exception.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
  ]);
}

describe("stored exceptions", () => {
  const slug = uniqueSlug("exceptions");
  let projectId = "";
  let headers: () => Headers;

  beforeAll(async () => {
    projectId = (await createProject(SYSTEM, { slug, name: "Exceptions" })).id;
    await createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "production" },
      result: scanOf({
        "a.yaml": `${deploymentYaml("legacy", { hardened: false })}---\n${deploymentYaml("api")}`,
      }),
      source: "rampart",
    });
    const email = `editor-${slug}@example.com`;
    await createUser(SYSTEM, { name: "editor", email, password: PASSWORD });
    await setMembership(SYSTEM, slug, { email, role: "editor" });
    const cookie = await sessionCookie(email, PASSWORD);
    headers = () => new Headers({ "content-type": "application/json", cookie, origin: ORIGIN });
  });

  const legacyRow = async () => {
    const { rows } = await findComponents(SYSTEM, slug);
    const row = rows.find((r) => r.name === "legacy");
    if (!row) throw new Error("no legacy row");
    return row;
  };

  it("creates, edits and deletes through the API, each change audited before → after", async () => {
    expect((await legacyRow()).failing).toContain("run-as-non-root");
    const created = await POST(
      new Request(`${ORIGIN}/api/v1/projects/${slug}/exceptions`, {
        method: "POST",
        headers: headers(),
        body: JSON.stringify({
          selector: { kind: "Deployment", name: "legacy" },
          control: "run-as-non-root",
          justification: "Vendor image runs as root; replacement planned for Q3",
          owner: "apps-team",
          expires: inAYear(),
          environment: "production",
        }),
      }),
      { params: Promise.resolve({ slug }) },
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const { exception } = await created.json();
    expect(exception).toMatchObject({
      control: "run-as-non-root",
      environment: "production",
      selector: { kind: "Deployment", namespace: null, name: "legacy" },
      owner: "apps-team",
      createdBy: `editor-${slug}@example.com`,
    });

    // The dashboard's current view waives it at once.
    const waived = await legacyRow();
    expect(waived.failing).not.toContain("run-as-non-root");
    expect(waived.controls["run-as-non-root"]).toMatchObject({
      status: "waived",
      exception: { justification: "Vendor image runs as root; replacement planned for Q3" },
    });
    const listed = await (
      await GET(new Request(`${ORIGIN}/api/v1/projects/${slug}/exceptions`, { headers: headers() }), {
        params: Promise.resolve({ slug }),
      })
    ).json();
    expect(listed.stored).toHaveLength(1);
    expect(listed.stored[0]).toMatchObject({ state: "active", active: true });
    expect(listed.stored[0].components).toEqual([
      expect.objectContaining({ name: "legacy", environment: "production", status: "waived" }),
    ]);

    const patched = await PATCH(
      new Request(`${ORIGIN}/api/v1/projects/${slug}/exceptions/${exception.id}`, {
        method: "PATCH",
        headers: headers(),
        body: JSON.stringify({ owner: "platform-team", expires: null }),
      }),
      { params: Promise.resolve({ slug, exceptionId: exception.id }) },
    );
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect((await patched.json()).exception).toMatchObject({ owner: "platform-team", expires: null });

    const deleted = await deleteRoute(
      new Request(`${ORIGIN}/api/v1/projects/${slug}/exceptions/${exception.id}`, {
        method: "DELETE",
        headers: headers(),
      }),
      { params: Promise.resolve({ slug, exceptionId: exception.id }) },
    );
    expect(deleted.status).toBe(200);
    expect((await legacyRow()).failing).toContain("run-as-non-root");

    const db = await getDb();
    const audit = await db.auditLog.findMany({
      where: { projectId, action: { startsWith: "exception." } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["exception.create", "exception.update", "exception.delete"]);
    expect(audit[1].before).toMatchObject({ owner: "apps-team", expires: exception.expires });
    expect(audit[1].after).toMatchObject({ owner: "platform-team", expires: null });
    expect(audit[2].before).toMatchObject({ owner: "platform-team" });
    expect(audit[2].after).toBeNull();
    expect(audit.every((a) => a.actorLabel === `editor-${slug}@example.com`)).toBe(true);
  });

  it("refuses invalid, malformed and oversized bodies with a 4xx naming the field, and changes nothing", async () => {
    const kept = await createException(SYSTEM, slug, {
      selector: { name: "api" },
      control: "seccomp-profile",
      justification: "Kept",
      owner: "team",
      expires: inAYear(),
    });
    const before = await counts(projectId);
    const valid = {
      selector: { name: "legacy" },
      control: "run-as-non-root",
      justification: "Reason",
      owner: "team",
    };
    const post = (body: string) =>
      POST(
        new Request(`${ORIGIN}/api/v1/projects/${slug}/exceptions`, {
          method: "POST",
          headers: headers(),
          body,
        }),
        { params: Promise.resolve({ slug }) },
      );
    const patch = (body: string) =>
      PATCH(
        new Request(`${ORIGIN}/api/v1/projects/${slug}/exceptions/${kept.id}`, {
          method: "PATCH",
          headers: headers(),
          body,
        }),
        { params: Promise.resolve({ slug, exceptionId: kept.id }) },
      );
    const cases: [Promise<Response>, number, string | undefined][] = [
      [post(JSON.stringify({ ...valid, justification: "  " })), 422, "justification"],
      [post(JSON.stringify({ ...valid, owner: undefined })), 422, "owner"],
      [post(JSON.stringify({ ...valid, control: "not-a-control" })), 422, "control"],
      [post(JSON.stringify({ ...valid, expires: "2020-01-01" })), 422, "expires"],
      [post(JSON.stringify({ ...valid, expires: "31/12/2030" })), 422, "expires"],
      [post(JSON.stringify({ ...valid, environment: "nowhere" })), 422, "environment"],
      [post(JSON.stringify({ ...valid, selector: {} })), 422, "selector.name"],
      [
        post(JSON.stringify({ ...valid, selector: { name: "<img src=x onerror=alert(1)>" } })),
        422,
        "selector.name",
      ],
      [post(JSON.stringify({ ...valid, justification: "x".repeat(20_000) })), 413, undefined],
      [post('{"selector": {'), 400, undefined],
      [post(""), 400, undefined],
      [post("[1,2,3]"), 422, "(root)"],
      [patch(JSON.stringify({ owner: "" })), 422, "owner"],
      [patch(JSON.stringify({})), 422, "justification"],
      [patch(JSON.stringify({ expires: "2001-01-01" })), 422, "expires"],
      [patch("not json"), 400, undefined],
    ];
    for (const [call, status, field] of cases) {
      const response = await call;
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(typeof body.error).toBe("string");
      if (field) {
        expect(body.field).toBe(field);
        expect(body.error).toContain(field);
      }
    }
    expect(await counts(projectId)).toEqual(before);
    await expect(updateException(SYSTEM, slug, kept.id, { environment: "nowhere" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await deleteException(SYSTEM, slug, kept.id);
  });

  it("stops waiving when it expires", async () => {
    const e = await createException(SYSTEM, slug, {
      selector: { name: "legacy" },
      control: "run-as-non-root",
      justification: "Until the vendor ships a non-root image",
      owner: "apps-team",
      expires: new Date().toISOString().slice(0, 10), // valid through the end of today
    });
    expect((await legacyRow()).controls["run-as-non-root"].status).toBe("waived");
    const today = (await findExceptions(SYSTEM, slug)).stored.find((s) => s.id === e.id);
    expect(today).toMatchObject({ state: "expiring", daysLeft: 0, active: true });

    const db = await getDb();
    await db.exception.update({ where: { id: e.id }, data: { expiresAt: new Date("2025-01-31T00:00:00Z") } });
    expect((await legacyRow()).controls["run-as-non-root"].status).toBe("fail");
    const expired = (await findExceptions(SYSTEM, slug)).stored.find((s) => s.id === e.id);
    expect(expired).toMatchObject({ state: "expired", active: false });
    expect(expired?.components).toEqual([expect.objectContaining({ name: "legacy", status: "fail" })]);
    const component = await findComponent(SYSTEM, slug, (await legacyRow()).componentId);
    expect(component.exceptions).toEqual([expect.objectContaining({ id: e.id, active: false })]);
    // Its text can still be corrected with its (past) date unchanged; a new past date is refused.
    const corrected = await updateException(SYSTEM, slug, e.id, {
      justification: "Until the vendor ships a non-root image (ticket VEND-12)",
      expires: "2025-01-31",
    });
    expect(corrected).toMatchObject({
      expires: "2025-01-31",
      justification: expect.stringContaining("VEND-12"),
    });
    await expect(updateException(SYSTEM, slug, e.id, { expires: "2025-02-01" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await deleteException(SYSTEM, slug, e.id);
  });

  it("follows an edit: a selector narrowed away from a component or another control no longer waives it", async () => {
    const e = await createException(SYSTEM, slug, {
      selector: { name: "legacy" },
      control: "run-as-non-root",
      justification: "Vendor image",
      owner: "apps-team",
    });
    expect((await legacyRow()).controls["run-as-non-root"].status).toBe("waived");
    await updateException(SYSTEM, slug, e.id, { selector: { name: "legacy-*" } });
    expect((await legacyRow()).controls["run-as-non-root"].status).toBe("fail");
    await updateException(SYSTEM, slug, e.id, { selector: { name: "leg*" }, control: "seccomp-profile" });
    const row = await legacyRow();
    expect(row.controls["run-as-non-root"].status).toBe("fail");
    expect(row.controls["seccomp-profile"].status).toBe("waived");
    await deleteException(SYSTEM, slug, e.id);
  });

  it("lists the waivers a scan recorded from its own exceptions file apart from stored ones", async () => {
    const { scanFiles, parseExceptionList } = await import("@/lib/scanner");
    const exceptions = parseExceptionList(`apiVersion: rampart.io/v1
kind: ExceptionList
exceptions:
  - selector: { name: legacy }
    control: seccomp-profile
    justification: From the file
    owner: file-team
    expires: 2099-01-01
  - selector: { name: legacy }
    control: read-only-root-filesystem
    justification: Lapsed
    owner: file-team
    expires: 2020-01-01
`);
    await createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "staging" },
      result: scanFiles([{ path: "a.yaml", content: deploymentYaml("legacy", { hardened: false }) }], {
        exceptions,
        now: new Date("2025-10-06T00:00:00Z"),
      }),
      source: "rampart",
    });
    const { fromScans, environments } = await findExceptions(SYSTEM, slug);
    expect(environments).toEqual(["production", "staging"]);
    expect(fromScans.map((f) => [f.environment, f.control, f.justification, f.state])).toEqual(
      expect.arrayContaining([
        ["staging", "seccomp-profile", "From the file", "active"],
        ["staging", "read-only-root-filesystem", "Lapsed", "expired"],
      ]),
    );
    expect(fromScans.find((f) => f.justification === "Lapsed")?.components[0]).toMatchObject({
      name: "legacy",
      status: "fail",
    });
  });
});

describe("stored exceptions of the demo (examples/maestro/exceptions.yaml)", () => {
  const slug = uniqueSlug("exceptions-demo");
  beforeAll(() => loadDemoProgram({ slug }), 120_000);

  const nonRoot = async () => {
    const { figures } = await findProgramFigures(SYSTEM, slug);
    const row = figures?.metrics.find((m) => m.id === "run-as-non-root");
    if (!row) throw new Error("no run-as-non-root metric");
    return row;
  };

  it("waive promtail at ingest; revoking one un-waives it in the figures, restoring it waives again", async () => {
    const { stored } = await findExceptions(SYSTEM, slug);
    const promtail = stored.find((s) => s.control === "run-as-non-root");
    expect(promtail).toMatchObject({
      createdBy: "rampart-demo",
      owner: "platform-team",
      expires: "2027-06-30",
    });
    expect(promtail?.components).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "promtail", status: "waived" })]),
    );
    expect((await nonRoot()).waived.map((w) => w.component)).toEqual(["promtail"]);
    if (!promtail) throw new Error("no promtail exception");

    await deleteException(SYSTEM, slug, promtail.id);
    const revoked = await nonRoot();
    expect(revoked.waived).toEqual([]);
    const { rows } = await findComponents(SYSTEM, slug, "production");
    expect(rows.find((r) => r.name === "promtail")?.failing).toContain("run-as-non-root");

    await createException(SYSTEM, slug, {
      selector: { kind: "DaemonSet", namespace: "logging", name: "promtail" },
      control: "run-as-non-root",
      justification: promtail.justification,
      owner: promtail.owner,
      expires: promtail.expires,
    });
    expect((await nonRoot()).waived.map((w) => w.component)).toEqual(["promtail"]);
  });
});
