import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getAudit } from "@/app/api/v1/projects/[slug]/audit/route";
import { GET as getDiff } from "@/app/api/v1/projects/[slug]/diff/route";
import {
  DELETE as deleteException,
  PATCH as patchException,
} from "@/app/api/v1/projects/[slug]/exceptions/[exceptionId]/route";
import { GET as listExceptions, POST as postException } from "@/app/api/v1/projects/[slug]/exceptions/route";
import { PUT as putCriterion } from "@/app/api/v1/projects/[slug]/exit-criteria/[criterionId]/route";
import { PUT as putMember } from "@/app/api/v1/projects/[slug]/members/route";
import { PUT as putMilestoneDone } from "@/app/api/v1/projects/[slug]/milestones/[milestoneId]/done/route";
import { PATCH as patchMilestone } from "@/app/api/v1/projects/[slug]/milestones/[milestoneId]/route";
import { POST as postMilestone } from "@/app/api/v1/projects/[slug]/milestones/route";
import { PATCH as patchPeriodNotes } from "@/app/api/v1/projects/[slug]/periods/[periodId]/notes/route";
import {
  DELETE as deletePolicyRoute,
  PUT as putPolicy,
} from "@/app/api/v1/projects/[slug]/policies/[name]/route";
import { GET as listPolicies } from "@/app/api/v1/projects/[slug]/policies/route";
import { PUT as putProgram } from "@/app/api/v1/projects/[slug]/program/route";
import { GET as getReport } from "@/app/api/v1/projects/[slug]/reports/route";
import { DELETE as deleteProjectRoute, PATCH as patchProjectRoute } from "@/app/api/v1/projects/[slug]/route";
import { DELETE as deleteScanRoute } from "@/app/api/v1/projects/[slug]/scans/[scanId]/route";
import { GET as listScans, POST as postScan } from "@/app/api/v1/projects/[slug]/scans/route";
import { DELETE as deleteToken } from "@/app/api/v1/projects/[slug]/tokens/[tokenId]/route";
import { GET as listTokens, POST as postToken } from "@/app/api/v1/projects/[slug]/tokens/route";
import { POST as postUpload } from "@/app/api/v1/projects/[slug]/uploads/route";
import { GET as listProjects, POST as postProject } from "@/app/api/v1/projects/route";
import { PUT as putUserPassword } from "@/app/api/v1/users/[userId]/password/route";
import { PATCH as patchUser } from "@/app/api/v1/users/[userId]/route";
import { DELETE as deleteUserSessions } from "@/app/api/v1/users/[userId]/sessions/route";
import { GET as listUsers, POST as postUser } from "@/app/api/v1/users/route";
import { PUT as putOwnPassword } from "@/app/api/v1/account/password/route";
import { getAuth } from "@/lib/auth/auth";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { sessionCookie } from "@/test/sign-in";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createException } from "./create-exception";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { revokeApiToken } from "./revoke-api-token";
import { saveProgramPolicy } from "./save-program-policy";
import { setMembership } from "./set-membership";

const ORIGIN = "http://rampart.test";
const PASSWORD = "correct horse battery staple";

// ---- Who asks ------------------------------------------------------------------------------------------
type ActorName =
  | "anonymous"
  | "viewer"
  | "editor"
  | "admin"
  | "other project's admin"
  | "instance admin"
  | "ingest token"
  | "read token"
  | "revoked token"
  | "expired token"
  | "forged token";
const ACTORS: ActorName[] = [
  "anonymous",
  "viewer",
  "editor",
  "admin",
  "other project's admin",
  "instance admin",
  "ingest token",
  "read token",
  "revoked token",
  "expired token",
  "forged token",
];

// ---- What they may do: THE table the matrix is generated from -------------------------------------------
/** signed-in: any account acting on itself (its own password), whatever its roles; never a token. */
type Need = "read" | "ingest" | "edit" | "admin" | "instance-admin" | "signed-in";
const MAY: Record<ActorName, Need[]> = {
  anonymous: [],
  viewer: ["read", "signed-in"],
  editor: ["read", "ingest", "edit", "signed-in"],
  admin: ["read", "ingest", "edit", "admin", "signed-in"],
  "other project's admin": ["signed-in"],
  "instance admin": ["read", "ingest", "edit", "admin", "instance-admin", "signed-in"],
  "ingest token": ["ingest"],
  "read token": ["read"],
  "revoked token": [],
  "expired token": [],
  "forged token": [],
};
/** The status a refusal gets: no identity 401; known but not a member 404; member/token lacking the right 403. */
function refusal(actor: ActorName, need: Need): number {
  if (["anonymous", "revoked token", "expired token", "forged token"].includes(actor)) return 401;
  if (need === "instance-admin") return 403;
  if (actor === "other project's admin") return 404;
  return 403;
}

// ---- The routes ----------------------------------------------------------------------------------------
type Call = (headers: Headers, actor: ActorName) => Promise<Response>;
const slug = uniqueSlug("matrix");
const other = uniqueSlug("matrix-other");
const params = <T extends object>(p: T) => ({ params: Promise.resolve(p) });
const req = (path: string, headers: Headers, init: RequestInit = {}) =>
  new Request(`${ORIGIN}${path}`, { ...init, headers });
let scanIds: [string, string];
let victimTokenId = "";
/** The account the instance-admin routes act on. */
let victimUserId = "";
let milestoneId = "";
let exceptionId = "";
/** One exception per identity to delete, so that each allowed DELETE has its own. */
const doomedExceptions = new Map<ActorName, string>();
/** Likewise one scan per identity to delete. */
const doomedScans = new Map<ActorName, string>();
const exceptionBody = {
  selector: { kind: "Deployment", name: "seed-*" },
  control: "run-as-non-root",
  justification: "Matrix exception",
  owner: "matrix-team",
};

/** A policy set entry; each identity saves and deletes one of its own (`policyName`). */
const policyText = (name: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: ${name}}
spec:
  validations: [{expression: "true"}]
`;
const policyName = (actor: ActorName, what: string) => `${what}-${actor.replace(/[^a-z]+/g, "-")}`;

const ROUTES: { name: string; need: Need; call: Call }[] = [
  {
    name: "GET scans",
    need: "read",
    call: (h) => listScans(req(`/api/v1/projects/${slug}/scans`, h), params({ slug })),
  },
  {
    name: "GET diff",
    need: "read",
    call: (h) =>
      getDiff(req(`/api/v1/projects/${slug}/diff?from=${scanIds[0]}&to=${scanIds[1]}`, h), params({ slug })),
  },
  {
    name: "GET report",
    need: "read",
    call: (h) =>
      getReport(req(`/api/v1/projects/${slug}/reports?format=json&period=week-1`, h), params({ slug })),
  },
  {
    name: "POST scan",
    need: "ingest",
    call: (h) =>
      postScan(
        req(`/api/v1/projects/${slug}/scans?environment=production`, h, {
          method: "POST",
          body: JSON.stringify(scanOf({ "m.yaml": deploymentYaml("matrix-app") })),
        }),
        params({ slug }),
      ),
  },
  {
    name: "POST upload",
    need: "ingest",
    call: (h) => {
      const form = new FormData();
      form.append("files", new File([deploymentYaml("uploaded")], "u.yaml"), "u.yaml");
      h.delete("content-type"); // FormData sets its own multipart boundary
      return postUpload(
        req(`/api/v1/projects/${slug}/uploads?environment=production`, h, { method: "POST", body: form }),
        params({ slug }),
      );
    },
  },
  {
    name: "DELETE scan",
    need: "admin",
    call: (h, actor) => {
      const scanId = doomedScans.get(actor) ?? "";
      return deleteScanRoute(
        req(`/api/v1/projects/${slug}/scans/${scanId}`, h, { method: "DELETE" }),
        params({ slug, scanId }),
      );
    },
  },
  {
    name: "POST milestone",
    need: "edit",
    call: (h) =>
      postMilestone(
        req(`/api/v1/projects/${slug}/milestones`, h, {
          method: "POST",
          body: JSON.stringify({ workStream: "rbac", title: "Matrix milestone", week: 2 }),
        }),
        params({ slug }),
      ),
  },
  {
    name: "PATCH milestone",
    need: "edit",
    call: (h) =>
      patchMilestone(
        req(`/api/v1/projects/${slug}/milestones/${milestoneId}`, h, {
          method: "PATCH",
          body: JSON.stringify({ title: "Renamed in the matrix" }),
        }),
        params({ slug, milestoneId }),
      ),
  },
  {
    name: "PUT milestone done",
    need: "edit",
    call: (h) =>
      putMilestoneDone(
        req(`/api/v1/projects/${slug}/milestones/${milestoneId}/done`, h, {
          method: "PUT",
          body: JSON.stringify({ done: true, note: "matrix" }),
        }),
        params({ slug, milestoneId }),
      ),
  },
  {
    name: "PUT exit criterion",
    need: "edit",
    call: (h) =>
      putCriterion(
        req(`/api/v1/projects/${slug}/exit-criteria/matrix-manual`, h, {
          method: "PUT",
          body: JSON.stringify({ met: true, note: "matrix" }),
        }),
        params({ slug, criterionId: "matrix-manual" }),
      ),
  },
  {
    name: "GET exceptions",
    need: "read",
    call: (h) => listExceptions(req(`/api/v1/projects/${slug}/exceptions`, h), params({ slug })),
  },
  {
    name: "POST exception",
    need: "edit",
    call: (h) =>
      postException(
        req(`/api/v1/projects/${slug}/exceptions`, h, {
          method: "POST",
          body: JSON.stringify(exceptionBody),
        }),
        params({ slug }),
      ),
  },
  {
    name: "PATCH exception",
    need: "edit",
    call: (h) =>
      patchException(
        req(`/api/v1/projects/${slug}/exceptions/${exceptionId}`, h, {
          method: "PATCH",
          body: JSON.stringify({ owner: "patched-in-matrix" }),
        }),
        params({ slug, exceptionId }),
      ),
  },
  {
    name: "DELETE exception",
    need: "edit",
    call: (h, actor) => {
      const id = doomedExceptions.get(actor) ?? "";
      return deleteException(
        req(`/api/v1/projects/${slug}/exceptions/${id}`, h, { method: "DELETE" }),
        params({ slug, exceptionId: id }),
      );
    },
  },
  {
    name: "PATCH period notes",
    need: "edit",
    call: (h) =>
      patchPeriodNotes(
        req(`/api/v1/projects/${slug}/periods/week-1/notes`, h, {
          method: "PATCH",
          body: JSON.stringify({ keyLearnings: "Written in the matrix" }),
        }),
        params({ slug, periodId: "week-1" }),
      ),
  },
  {
    name: "GET policies",
    need: "read",
    call: (h) => listPolicies(req(`/api/v1/projects/${slug}/policies`, h), params({ slug })),
  },
  {
    name: "PUT policy",
    need: "edit",
    call: (h, actor) => {
      const name = policyName(actor, "saved");
      return putPolicy(
        req(`/api/v1/projects/${slug}/policies/${name}`, h, {
          method: "PUT",
          body: JSON.stringify({ text: policyText(name) }),
        }),
        params({ slug, name }),
      );
    },
  },
  {
    name: "DELETE policy",
    need: "edit",
    call: (h, actor) => {
      const name = policyName(actor, "doomed");
      return deletePolicyRoute(
        req(`/api/v1/projects/${slug}/policies/${name}`, h, { method: "DELETE" }),
        params({ slug, name }),
      );
    },
  },
  {
    name: "GET tokens",
    need: "admin",
    call: (h) => listTokens(req(`/api/v1/projects/${slug}/tokens`, h), params({ slug })),
  },
  {
    name: "POST token",
    need: "admin",
    call: (h) =>
      postToken(
        req(`/api/v1/projects/${slug}/tokens`, h, {
          method: "POST",
          body: JSON.stringify({ name: "new", scope: "read" }),
        }),
        params({ slug }),
      ),
  },
  {
    name: "DELETE token",
    need: "admin",
    call: (h) =>
      deleteToken(
        req(`/api/v1/projects/${slug}/tokens/${victimTokenId}`, h, { method: "DELETE" }),
        params({ slug, tokenId: victimTokenId }),
      ),
  },
  {
    name: "PUT member",
    need: "admin",
    call: (h) =>
      putMember(
        req(`/api/v1/projects/${slug}/members`, h, {
          method: "PUT",
          body: JSON.stringify({ email: `bystander-${slug}@example.com`, role: "viewer" }),
        }),
        params({ slug }),
      ),
  },
  {
    name: "PATCH project",
    need: "admin",
    // Each identity writes its own description, so a PATCH that got through always leaves an audit entry.
    call: (h, actor) =>
      patchProjectRoute(
        req(`/api/v1/projects/${slug}`, h, {
          method: "PATCH",
          body: JSON.stringify({ description: `patched by ${actor}`, visibility: "private" }),
        }),
        params({ slug }),
      ),
  },
  {
    name: "GET audit log",
    need: "admin",
    call: (h) => getAudit(req(`/api/v1/projects/${slug}/audit`, h), params({ slug })),
  },
  {
    // Last of the project routes: it replaces the roadmap the milestone and criterion rows above edit.
    name: "PUT program",
    need: "edit",
    call: (h) =>
      putProgram(
        req(`/api/v1/projects/${slug}/program`, h, {
          method: "PUT",
          body: readFileSync("examples/maestro/program.yaml", "utf8").replace(
            "slug: maestro",
            `slug: ${slug}`,
          ),
        }),
        params({ slug }),
      ),
  },
  {
    name: "GET users",
    need: "instance-admin",
    call: (h) => listUsers(req("/api/v1/users", h)),
  },
  {
    name: "POST user",
    need: "instance-admin",
    call: (h) =>
      postUser(
        req("/api/v1/users", h, {
          method: "POST",
          body: JSON.stringify({
            email: `${uniqueSlug("created")}@example.com`,
            name: "Created in the matrix",
            password: PASSWORD,
          }),
        }),
      ),
  },
  {
    name: "PATCH user (disable)",
    need: "instance-admin",
    call: (h) =>
      patchUser(
        req(`/api/v1/users/${victimUserId}`, h, {
          method: "PATCH",
          body: JSON.stringify({ disabled: true }),
        }),
        params({ userId: victimUserId }),
      ),
  },
  {
    name: "PUT user password (reset)",
    need: "instance-admin",
    call: (h) =>
      putUserPassword(
        req(`/api/v1/users/${victimUserId}/password`, h, {
          method: "PUT",
          body: JSON.stringify({ password: "reset in the matrix" }),
        }),
        params({ userId: victimUserId }),
      ),
  },
  {
    name: "DELETE user sessions",
    need: "instance-admin",
    call: (h) =>
      deleteUserSessions(
        req(`/api/v1/users/${victimUserId}/sessions`, h, { method: "DELETE" }),
        params({ userId: victimUserId }),
      ),
  },
  {
    // Each account sets its own password again (the same one), so the sessions the other rows use stay valid.
    name: "PUT own password",
    need: "signed-in",
    call: (h) =>
      putOwnPassword(
        req("/api/v1/account/password", h, {
          method: "PUT",
          body: JSON.stringify({ currentPassword: PASSWORD, newPassword: PASSWORD }),
        }),
      ),
  },
  {
    name: "POST project",
    need: "instance-admin",
    call: (h) =>
      postProject(
        req("/api/v1/projects", h, {
          method: "POST",
          body: JSON.stringify({ slug: uniqueSlug("created"), name: "Created in the matrix" }),
        }),
      ),
  },
];

/** Session cookies of the signed-in identities (set in beforeAll). */
let cookies: Partial<Record<ActorName, string>> = {};

// ---- Identities ----------------------------------------------------------------------------------------
const headersFor = new Map<ActorName, () => Headers>();

const signIn = (email: string) => sessionCookie(email, PASSWORD);

async function rowCounts() {
  const db = await getDb();
  return Promise.all([
    db.scan.count(),
    db.apiToken.count(),
    db.membership.count(),
    db.project.count(),
    db.auditLog.count(),
    db.milestone.count(),
    db.milestone.count({ where: { doneAt: { not: null } } }),
    db.exitCriterion.count({ where: { metAt: { not: null } } }),
    db.phase.count(),
    db.exception.count(),
    db.programPolicy.count(),
    db.user.count(),
    db.exception.count({ where: { owner: "patched-in-matrix" } }),
    db.period.count({ where: { keyLearnings: { not: "" } } }),
    db.session.count(),
    db.user.count({ where: { disabledAt: { not: null } } }),
    db.account.aggregate({ _max: { updatedAt: true } }),
  ]);
}

describe("authorization matrix", () => {
  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Matrix" });
    await createProject(SYSTEM, { slug: other, name: "Other" });
    for (const role of ["viewer", "editor", "admin"] as const) {
      const email = `${role}-${slug}@example.com`;
      await createUser(SYSTEM, { name: role, email, password: PASSWORD });
      await setMembership(SYSTEM, slug, { email, role });
    }
    const otherAdmin = `admin-${other}@example.com`;
    await createUser(SYSTEM, { name: "other admin", email: otherAdmin, password: PASSWORD });
    await setMembership(SYSTEM, other, { email: otherAdmin, role: "admin" });
    await createUser(SYSTEM, {
      name: "instance admin",
      email: `root-${slug}@example.com`,
      password: PASSWORD,
      instanceAdmin: true,
    });
    victimUserId = (
      await createUser(SYSTEM, { name: "victim", email: `victim-${slug}@example.com`, password: PASSWORD })
    ).id;
    await signIn(`victim-${slug}@example.com`);
    await createUser(SYSTEM, {
      name: "bystander",
      email: `bystander-${slug}@example.com`,
      password: PASSWORD,
    });

    cookies = {
      viewer: await signIn(`viewer-${slug}@example.com`),
      editor: await signIn(`editor-${slug}@example.com`),
      admin: await signIn(`admin-${slug}@example.com`),
      "other project's admin": await signIn(otherAdmin),
      "instance admin": await signIn(`root-${slug}@example.com`),
    };
    const tokens: Partial<Record<ActorName, string>> = {
      "ingest token": (await createApiToken(SYSTEM, slug, { name: "ci", scope: "ingest" })).token,
      "read token": (await createApiToken(SYSTEM, slug, { name: "ro", scope: "read" })).token,
      "expired token": (
        await createApiToken(SYSTEM, slug, {
          name: "old",
          scope: "ingest",
          expiresAt: new Date(Date.now() - 1000),
        })
      ).token,
      "forged token": `rmp_${"A".repeat(43)}`,
    };
    const revoked = await createApiToken(SYSTEM, slug, { name: "gone", scope: "ingest" });
    await revokeApiToken(SYSTEM, slug, revoked.id);
    tokens["revoked token"] = revoked.token;
    victimTokenId = (await createApiToken(SYSTEM, slug, { name: "victim", scope: "read" })).id;

    for (const name of ACTORS) {
      headersFor.set(name, () => {
        const h = new Headers({ "content-type": "application/json" });
        const cookie = cookies[name];
        const token = tokens[name];
        if (cookie) {
          h.set("cookie", cookie);
          h.set("origin", ORIGIN);
        }
        if (token) h.set("authorization", `Bearer ${token}`);
        return h;
      });
    }
    const ids: string[] = [];
    for (const name of ["a", "b"]) {
      const scan = await createScan({
        actor: SYSTEM,
        projectSlug: slug,
        meta: { environment: "production" },
        result: scanOf({ [`${name}.yaml`]: deploymentYaml(`seed-${name}`) }),
        source: "rampart",
      });
      ids.push(scan.id);
    }
    scanIds = ids as [string, string];
    for (const name of ACTORS) {
      const doomed = await createScan({
        actor: SYSTEM,
        projectSlug: slug,
        meta: { environment: "doomed", idempotencyKey: `doomed-${name}` },
        result: scanOf({ "d.yaml": deploymentYaml("doomed") }),
        source: "rampart",
      });
      doomedScans.set(name, doomed.id);
    }

    // A roadmap to edit: one phase, a work stream with a milestone, a manual exit criterion.
    const db = await getDb();
    const project = await db.project.findUniqueOrThrow({ where: { slug } });
    const phase = await db.phase.create({
      data: {
        projectId: project.id,
        key: "phase-1",
        name: "Phase 1",
        startsOn: new Date("2026-01-05"),
        endsOn: new Date("2026-02-27"),
        position: 0,
      },
    });
    await db.period.create({
      data: {
        phaseId: phase.id,
        key: "week-1",
        label: "Week 1",
        title: "Start",
        fromWeek: 1,
        toWeek: 1,
        startsOn: new Date("2026-01-05"),
        endsOn: new Date("2026-01-11"),
        position: 0,
      },
    });
    const stream = await db.workStream.create({
      data: {
        phaseId: phase.id,
        key: "rbac",
        name: "RBAC",
        fromWeek: 1,
        toWeek: 4,
        progress: { type: "milestones" },
        position: 0,
      },
    });
    milestoneId = (
      await db.milestone.create({
        data: { workStreamId: stream.id, title: "Matrix milestone", week: 1, position: 0 },
      })
    ).id;
    exceptionId = (await createException(SYSTEM, slug, exceptionBody)).id;
    for (const name of ACTORS) {
      doomedExceptions.set(name, (await createException(SYSTEM, slug, exceptionBody)).id);
      const doomedPolicy = policyName(name, "doomed");
      await saveProgramPolicy(SYSTEM, slug, doomedPolicy, { text: policyText(doomedPolicy) });
    }
    await db.exitCriterion.create({
      data: {
        phaseId: phase.id,
        key: "matrix-manual",
        title: "Signed off",
        rule: { type: "manual" },
        position: 0,
      },
    });
  }, 120_000);

  const cells = ROUTES.flatMap((route) => ACTORS.map((actor) => [route.name, actor, route] as const));
  it.each(cells)("%s as %s", async (_route, actor, route) => {
    const allowed = MAY[actor].includes(route.need);
    const before = allowed ? null : await rowCounts();
    const response = await route.call((headersFor.get(actor) as () => Headers)(), actor);
    if (allowed) {
      expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
    } else {
      expect(response.status, await response.clone().text()).toBe(refusal(actor, route.need));
      expect(await rowCounts()).toEqual(before);
    }
  });

  it(`covers ${ROUTES.length} routes × ${ACTORS.length} identities`, () => {
    expect(cells).toHaveLength(ROUTES.length * ACTORS.length);
  });

  it("lists only the projects an identity may read", async () => {
    const visible = async (actor: ActorName) => {
      const response = await listProjects(
        req("/api/v1/projects", (headersFor.get(actor) as () => Headers)()),
      );
      const { projects } = await response.json();
      return (projects as { slug: string }[]).map((p) => p.slug);
    };
    expect(await visible("viewer")).toContain(slug);
    expect(await visible("viewer")).not.toContain(other);
    expect(await visible("other project's admin")).not.toContain(slug);
    expect(await visible("anonymous")).not.toContain(slug);
    expect(await visible("read token")).toEqual([slug]);
  });

  it("refuses a cookie-authenticated mutation from another site (CSRF) and writes nothing", async () => {
    for (const origin of ["https://evil.example", null]) {
      const headers = (headersFor.get("admin") as () => Headers)();
      if (origin) headers.set("origin", origin);
      else headers.delete("origin");
      const before = await rowCounts();
      const response = await postToken(
        req(`/api/v1/projects/${slug}/tokens`, headers, {
          method: "POST",
          body: JSON.stringify({ name: "x", scope: "read" }),
        }),
        params({ slug }),
      );
      expect(response.status).toBe(403);
      expect(await rowCounts()).toEqual(before);
    }
  });

  it("records who did what in the audit log, readable by the project's admins", async () => {
    const response = await getAudit(
      req(`/api/v1/projects/${slug}/audit`, (headersFor.get("admin") as () => Headers)()),
      params({ slug }),
    );
    const { entries } = await response.json();
    const actions = new Set((entries as { action: string }[]).map((e) => e.action));
    for (const action of ["project.create", "member.set", "token.create", "token.revoke", "scan.create"]) {
      expect(actions).toContain(action);
    }
    const byAdmin = (entries as { actorLabel: string; action: string }[]).find(
      (e) => e.action === "member.set" && e.actorLabel.startsWith("admin-"),
    );
    expect(byAdmin).toBeDefined();
  });
  // Deleting a program ends the program, so each identity tries on a program of its own: the same people with the
  // same roles there, and tokens of each kind issued for it. The outcome comes from the same MAY table.
  describe("deleting a program", () => {
    async function tokenFor(actor: ActorName, victim: string): Promise<string | null> {
      switch (actor) {
        case "ingest token":
        case "read token":
          return (
            await createApiToken(SYSTEM, victim, {
              name: actor,
              scope: actor === "read token" ? "read" : "ingest",
            })
          ).token;
        case "expired token":
          return (
            await createApiToken(SYSTEM, victim, {
              name: actor,
              scope: "ingest",
              expiresAt: new Date(Date.now() - 1000),
            })
          ).token;
        case "revoked token": {
          const token = await createApiToken(SYSTEM, victim, { name: actor, scope: "ingest" });
          await revokeApiToken(SYSTEM, victim, token.id);
          return token.token;
        }
        case "forged token":
          return `rmp_${"B".repeat(43)}`;
        default:
          return null;
      }
    }

    async function victimProgram() {
      const victim = uniqueSlug("victim");
      await createProject(SYSTEM, { slug: victim, name: "Victim" });
      for (const role of ["viewer", "editor", "admin"] as const) {
        await setMembership(SYSTEM, victim, { email: `${role}-${slug}@example.com`, role });
      }
      return victim;
    }

    const remove = (victim: string, headers: Headers, confirm = victim) =>
      deleteProjectRoute(
        req(`/api/v1/projects/${victim}`, headers, { method: "DELETE", body: JSON.stringify({ confirm }) }),
        params({ slug: victim }),
      );
    const exists = async (victim: string) => (await getDb()).project.count({ where: { slug: victim } });

    it.each(ACTORS)("DELETE project as %s", async (actor) => {
      const victim = await victimProgram();
      const headers = new Headers({ "content-type": "application/json" });
      const cookie = cookies[actor];
      if (cookie) {
        headers.set("cookie", cookie);
        headers.set("origin", ORIGIN);
      }
      const token = await tokenFor(actor, victim);
      if (token) headers.set("authorization", `Bearer ${token}`);
      const allowed = MAY[actor].includes("admin");
      const response = await remove(victim, headers);
      expect(response.status, await response.clone().text()).toBe(allowed ? 204 : refusal(actor, "admin"));
      expect(await exists(victim)).toBe(allowed ? 0 : 1);
    });

    it("needs the slug typed again, and records who deleted what in the instance's audit log", async () => {
      const victim = await victimProgram();
      const headers = (headersFor.get("admin") as () => Headers)();
      headers.delete("authorization");
      const refused = await remove(victim, headers, "not-the-slug");
      expect(refused.status).toBe(422);
      expect((await refused.json()).field).toBe("confirm");
      expect(await exists(victim)).toBe(1);

      expect((await remove(victim, headers)).status).toBe(204);
      const db = await getDb();
      const entry = await db.auditLog.findFirstOrThrow({
        where: { action: "project.delete", target: `project ${victim}` },
      });
      expect(entry).toMatchObject({ projectId: null, actorLabel: `admin-${slug}@example.com` });
      expect(await db.scan.count({ where: { project: { slug: victim } } })).toBe(0);
    });
  });
});

describe("sessions", () => {
  it("issue a new httpOnly, SameSite=Lax session at sign-in, whatever cookie the browser brought (no fixation)", async () => {
    const email = `fixation-${uniqueSlug()}@example.com`;
    await createUser(SYSTEM, { name: "fixation", email, password: PASSWORD });
    const auth = await getAuth();
    const planted = "rampart.session_token=attacker-chosen-value";
    const response = await auth.api.signInEmail({
      body: { email, password: PASSWORD },
      headers: new Headers({ cookie: planted }),
      asResponse: true,
    });
    const setCookie =
      response.headers.getSetCookie().find((c) => c.startsWith("rampart.session_token=")) ?? "";
    expect(setCookie).not.toContain("attacker-chosen-value");
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const second = await signIn(email);
    expect(second).not.toBe(setCookie.split(";")[0]);
  });

  it("store passwords as slow hashes, never in clear", async () => {
    const email = `hash-${uniqueSlug()}@example.com`;
    await createUser(SYSTEM, { name: "hash", email, password: PASSWORD });
    const db = await getDb();
    const account = await db.account.findFirstOrThrow({ where: { user: { email } } });
    expect(account.password).not.toContain(PASSWORD);
    expect(account.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // better-auth's scrypt salt:key
  });
});
