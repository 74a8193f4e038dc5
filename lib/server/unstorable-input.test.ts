/**
 * Issue 11, "500s on bad characters and numbers": every route, every text field of its body, every query and path
 * parameter, with NUL (U+0000) and a lone surrogate, and every integer column with a value past 32 bits. Each must be
 * a 4xx naming the field, with nothing written (as authorization-matrix.test.ts does for identities).
 */
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
import { PUT as putProgram } from "@/app/api/v1/projects/[slug]/program/route";
import { GET as getReport } from "@/app/api/v1/projects/[slug]/reports/route";
import { DELETE as deleteProjectRoute } from "@/app/api/v1/projects/[slug]/route";
import { DELETE as deleteScanRoute } from "@/app/api/v1/projects/[slug]/scans/[scanId]/route";
import { GET as listScans, POST as postScan } from "@/app/api/v1/projects/[slug]/scans/route";
import { DELETE as deleteToken } from "@/app/api/v1/projects/[slug]/tokens/[tokenId]/route";
import { GET as listTokens, POST as postToken } from "@/app/api/v1/projects/[slug]/tokens/route";
import { POST as postUpload } from "@/app/api/v1/projects/[slug]/uploads/route";
import { POST as postProject } from "@/app/api/v1/projects/route";
import { POST as postUser } from "@/app/api/v1/users/route";
import { formatPath } from "@/lib/scanner/format-zod-error";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { sessionCookie } from "@/test/sign-in";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createException } from "./create-exception";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { createUser } from "./create-user";
import { getDb } from "./db";

const ORIGIN = "http://rampart.test";
const PASSWORD = "correct horse battery staple";
const NUL = "\u0000";
const LONE = "\ud800";
const HUGE = 3_000_000_000;

const slug = uniqueSlug("unstorable");
let cookie = "";
/** Filled in beforeAll; the variants are listed from the requests' shape before that. */
const ids = { milestone: "m", exception: "e", token: "t", scans: ["a", "b"] };

type Params = Record<string, string>;
// Each route's own params type: any of them accepts the test's (checked at run time by routeParams).
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
/** A route as the tests call it: its handler, method, path parameters, query and body. */
type Call = {
  handler: Handler;
  method: string;
  params: Params;
  query?: Params;
  body?: unknown;
  raw?: BodyInit;
  /** Ingest is rate limited per caller (30 a minute): each of its variants comes with a token of its own. */
  token?: string;
};

/** A fresh ingest token for the rate-limited ingest routes (created before the rows are counted). */
async function withOwnToken(call: Call): Promise<Call> {
  if (call.handler !== postScan && call.handler !== postUpload) return call;
  return { ...call, token: (await createApiToken(SYSTEM, slug, { name: "ingest", scope: "ingest" })).token };
}

function send({ handler, method, params, query, body, raw, token }: Call): Promise<Response> {
  // The handlers read their path from `params` (a URL cannot even carry a lone surrogate): any path does here.
  const url = new URL(`${ORIGIN}/api/v1/route-under-test`);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(token ? { authorization: `Bearer ${token}` } : { cookie, origin: ORIGIN });
  if (body !== undefined) headers.set("content-type", "application/json");
  return handler(
    new Request(url, {
      method,
      headers,
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    }),
    { params: Promise.resolve(params) as Promise<never> },
  );
}

async function rowCounts() {
  const db = await getDb();
  return Promise.all([
    db.scan.count(),
    db.environment.count(),
    db.component.count(),
    db.milestone.count(),
    db.milestone.count({ where: { doneAt: { not: null } } }),
    db.exitCriterion.count({ where: { metAt: { not: null } } }),
    db.exception.count(),
    db.exception.count({ where: { owner: { not: "unstorable-team" } } }),
    db.period.count({ where: { keyLearnings: { not: "" } } }),
    db.apiToken.count(),
    db.apiToken.count({ where: { revokedAt: { not: null } } }),
    db.membership.count(),
    db.user.count(),
    db.project.count(),
    db.auditLog.count(),
  ]);
}

/** Every string leaf of a JSON value, as [path, value]. */
function stringLeaves(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (typeof value === "string") return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function withValueAt(value: unknown, path: PropertyKey[], replace: (old: unknown) => unknown): unknown {
  const copy = structuredClone(value) as Record<PropertyKey, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<PropertyKey, unknown>;
  const last = path[path.length - 1];
  node[last] = replace(node[last]);
  return copy;
}

// ---- The routes with a valid request each; the variants below break one field at a time. -----------------
const scanBody = () => scanOf({ "u.yaml": deploymentYaml("unstorable") });
const routes: { name: string; call: () => Call; ints?: PropertyKey[][] }[] = [
  {
    name: "GET scans",
    call: () => ({
      handler: listScans,
      method: "GET",
      params: { slug },
      query: { environment: "production" },
    }),
  },
  {
    name: "POST scan",
    call: () => ({
      handler: postScan,
      method: "POST",
      params: { slug },
      query: { environment: "production", gitRef: "main", message: "pushed" },
      body: scanBody(),
    }),
    ints: [
      ["workloads", 0, "document"],
      ["workloads", 0, "line"],
    ],
  },
  {
    name: "GET diff",
    call: () => ({
      handler: getDiff,
      method: "GET",
      params: { slug },
      query: { from: ids.scans[0], to: ids.scans[1] },
    }),
  },
  {
    name: "GET report",
    call: () => ({
      handler: getReport,
      method: "GET",
      params: { slug },
      query: { format: "json", period: "week-1" },
    }),
  },
  {
    name: "GET report of two scans",
    call: () => ({
      handler: getReport,
      method: "GET",
      params: { slug },
      query: { format: "json", environment: "production", from: ids.scans[0], to: ids.scans[1] },
    }),
  },
  {
    name: "DELETE scan",
    call: () => ({ handler: deleteScanRoute, method: "DELETE", params: { slug, scanId: ids.scans[0] } }),
  },
  {
    name: "POST milestone",
    call: () => ({
      handler: postMilestone,
      method: "POST",
      params: { slug },
      body: { workStream: "k8s-hardening", title: "A milestone", week: 2 },
    }),
    ints: [["week"]],
  },
  {
    name: "PATCH milestone",
    call: () => ({
      handler: patchMilestone,
      method: "PATCH",
      params: { slug, milestoneId: ids.milestone },
      body: { title: "Renamed", week: 3 },
    }),
    ints: [["week"]],
  },
  {
    name: "PUT milestone done",
    call: () => ({
      handler: putMilestoneDone,
      method: "PUT",
      params: { slug, milestoneId: ids.milestone },
      body: { done: true, note: "done" },
    }),
  },
  {
    name: "PUT exit criterion",
    call: () => ({
      handler: putCriterion,
      method: "PUT",
      params: { slug, criterionId: "w1-plan-approved" },
      body: { met: true, note: "signed" },
    }),
  },
  { name: "GET exceptions", call: () => ({ handler: listExceptions, method: "GET", params: { slug } }) },
  {
    name: "POST exception",
    call: () => ({
      handler: postException,
      method: "POST",
      params: { slug },
      body: {
        selector: { kind: "Deployment", namespace: "apps", name: "legacy-*" },
        control: "run-as-non-root",
        justification: "Vendor image",
        owner: "unstorable-team",
        expires: "2099-01-01",
        environment: "production",
      },
    }),
  },
  {
    name: "PATCH exception",
    call: () => ({
      handler: patchException,
      method: "PATCH",
      params: { slug, exceptionId: ids.exception },
      body: { owner: "someone-else", justification: "Changed" },
    }),
  },
  {
    name: "DELETE exception",
    call: () => ({
      handler: deleteException,
      method: "DELETE",
      params: { slug, exceptionId: ids.exception },
    }),
  },
  {
    name: "PATCH period notes",
    call: () => ({
      handler: patchPeriodNotes,
      method: "PATCH",
      params: { slug, periodId: "week-1" },
      body: { keyLearnings: "Learned", handoff: "Handed" },
    }),
  },
  { name: "GET tokens", call: () => ({ handler: listTokens, method: "GET", params: { slug } }) },
  {
    name: "POST token",
    call: () => ({
      handler: postToken,
      method: "POST",
      params: { slug },
      body: { name: "ci", scope: "read" },
    }),
  },
  {
    name: "DELETE token",
    call: () => ({ handler: deleteToken, method: "DELETE", params: { slug, tokenId: ids.token } }),
  },
  {
    name: "PUT member",
    call: () => ({
      handler: putMember,
      method: "PUT",
      params: { slug },
      body: { email: `member-${slug}@example.com`, role: "viewer" },
    }),
  },
  { name: "GET audit log", call: () => ({ handler: getAudit, method: "GET", params: { slug } }) },
  {
    name: "POST user",
    call: () => ({
      handler: postUser,
      method: "POST",
      params: {},
      body: { email: `new-${slug}@example.com`, name: "New user", password: PASSWORD },
    }),
  },
  {
    name: "POST project",
    call: () => ({
      handler: postProject,
      method: "POST",
      params: {},
      body: { slug: `${slug}-new`, name: "New", description: "A program" },
    }),
  },
  {
    name: "DELETE project",
    call: () => ({
      handler: deleteProjectRoute,
      method: "DELETE",
      params: { slug },
      body: { confirm: slug },
    }),
  },
];

/** One field broken: `make` builds the request when the test runs (with the ids beforeAll created). */
type Variant = { route: string; what: string; make: () => Call; field: string | RegExp };
function variants(): Variant[] {
  const out: Variant[] = [];
  for (const route of routes) {
    const base = route.call();
    const make = (change: (call: Call) => Call) => () => change(route.call());
    for (const [bad, label] of [
      [NUL, "NUL"],
      [LONE, "a lone surrogate"],
    ] as const) {
      for (const name of Object.keys(base.params)) {
        out.push({
          route: route.name,
          what: `${label} in the path parameter ${name}`,
          make: make((c) => ({ ...c, params: { ...c.params, [name]: `${c.params[name]}${bad}` } })),
          field: name,
        });
      }
      // A URL cannot carry a lone surrogate (it is serialised as U+FFFD): NUL only for queries.
      for (const name of bad === NUL ? Object.keys(base.query ?? {}) : []) {
        out.push({
          route: route.name,
          what: `${label} in the query parameter ${name}`,
          make: make((c) => ({ ...c, query: { ...c.query, [name]: `${c.query?.[name]}${bad}` } })),
          field: name,
        });
      }
      for (const path of stringLeaves(base.body)) {
        out.push({
          route: route.name,
          what: `${label} in the body field ${formatPath(path)}`,
          make: make((c) => ({ ...c, body: withValueAt(c.body, path, (old) => `${old}${bad}`) })),
          field: formatPath(path),
        });
      }
    }
    for (const path of route.ints ?? []) {
      out.push({
        route: route.name,
        what: `${HUGE} in the integer field ${formatPath(path)}`,
        make: make((c) => ({ ...c, body: withValueAt(c.body, path, () => HUGE) })),
        field: formatPath(path),
      });
    }
    if (base.body !== undefined) {
      // Invalid UTF-8 (a Latin-1 "é" inside a JSON string): refused, never stored as U+FFFD.
      const latin1 = (c: Call) => {
        const text = JSON.stringify(c.body);
        const cut = text.indexOf(':"') + 2;
        return Buffer.concat([
          Buffer.from(text.slice(0, cut)),
          Buffer.from([0xe9]),
          Buffer.from(text.slice(cut)),
        ]);
      };
      out.push({
        route: route.name,
        what: "invalid UTF-8 in the body",
        make: make((c) => ({ ...c, raw: latin1(c) })),
        field: "body",
      });
    }
  }
  return out;
}

describe("text and numbers the database cannot store", () => {
  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Unstorable" });
    const email = `root-${slug}@example.com`;
    await createUser(SYSTEM, { name: "root", email, password: PASSWORD, instanceAdmin: true });
    cookie = await sessionCookie(email, PASSWORD);
    const program = readFileSync("examples/maestro/program.yaml", "utf8").replace(
      "slug: maestro",
      `slug: ${slug}`,
    );
    const applied = await send({ handler: putProgram, method: "PUT", params: { slug }, raw: program });
    expect(applied.status, await applied.clone().text()).toBe(201);
    const scans: string[] = [];
    for (const name of ["a", "b"]) {
      const scan = await createScan({
        actor: SYSTEM,
        projectSlug: slug,
        meta: { environment: "production" },
        result: scanOf(
          { [`${name}.yaml`]: deploymentYaml(`seed-${name}`) },
          new Date(`2026-01-0${name === "a" ? 6 : 7}T10:00:00Z`),
        ),
        source: "rampart",
      });
      scans.push(scan.id);
    }
    const db = await getDb();
    const milestone = await db.milestone.findFirstOrThrow({
      where: { workStream: { phase: { project: { slug } } } },
    });
    const exception = await createException(SYSTEM, slug, {
      selector: { kind: "Deployment", name: "seed-*" },
      control: "run-as-non-root",
      justification: "Seeded",
      owner: "unstorable-team",
    });
    const token = await createApiToken(SYSTEM, slug, { name: "victim", scope: "read" });
    Object.assign(ids, { milestone: milestone.id, exception: exception.id, token: token.id, scans });
  }, 120_000);

  it("accepts every route's valid request (the variants below differ from it in one field)", async () => {
    // Only the reads: a valid write would change the rows the variants compare.
    for (const route of routes.filter((r) => r.call().method === "GET")) {
      const response = await send(await withOwnToken(route.call()));
      expect(response.status, `${route.name}: ${await response.clone().text()}`).toBe(200);
    }
  });

  it.each(variants().map((v) => [v.route, v.what, v] as const))(
    "%s with %s: 4xx naming the field, nothing written",
    async (_route, _what, variant) => {
      const call = await withOwnToken(variant.make());
      const before = await rowCounts();
      const response = await send(call);
      const text = await response.text();
      expect(response.status, text).toBeGreaterThanOrEqual(400);
      expect(response.status, text).toBeLessThan(500);
      const body = JSON.parse(text) as { error: string; field?: string };
      if (typeof variant.field === "string") expect(body.field, text).toBe(variant.field);
      else expect(body.field, text).toMatch(variant.field);
      expect(await rowCounts()).toEqual(before);
    },
  );

  it.each([
    ["a YAML \\0 escape in a title", 'title: "Phase 2\\0 production"', /^program\.yaml/],
    ["a YAML \\ud800 escape in a title", 'title: "Phase 2 \\ud800"', /^program\.yaml/],
    ["a raw NUL byte", `title: "Phase 2${NUL}"`, /^(body|program\.yaml)/],
  ])("PUT program with %s: 4xx naming the field, nothing written", async (_what, replacement, field) => {
    const program = readFileSync("examples/maestro/program.yaml", "utf8")
      .replace("slug: maestro", `slug: ${slug}`)
      .replace(/^( +)title: .*$/m, `$1${replacement}`);
    const before = await rowCounts();
    const response = await send({ handler: putProgram, method: "PUT", params: { slug }, raw: program });
    const text = await response.text();
    expect(response.status, text).toBeGreaterThanOrEqual(400);
    expect(response.status, text).toBeLessThan(500);
    expect(JSON.parse(text).field, text).toMatch(field);
    expect(await rowCounts()).toEqual(before);
  });

  const upload = (token: string, files: [string, BlobPart][], query = "environment=production") => {
    const form = new FormData();
    for (const [name, content] of files) form.append("files", new File([content], name), name);
    return postUpload(
      new Request(`${ORIGIN}/api/v1/projects/${slug}/uploads?${query}`, {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${token}` },
      }),
      { params: Promise.resolve({ slug }) },
    );
  };

  it.each([
    ["a NUL inside a manifest", [["m.yaml", deploymentYaml(`nul${NUL}x`)]], /^files\[0\]$/],
    ["a YAML \\0 escape in a name", [["m.yaml", deploymentYaml('"esc\\0aped"')]], /^workloads\[0\]\./],
    [
      "a YAML \\ud800 escape in a label",
      [["m.yaml", `${deploymentYaml("lone")}`.replace("part-of: platform", 'part-of: "x\\ud800"')]],
      /^workloads\[0\]\./,
    ],
    [
      "invalid UTF-8 in a manifest",
      [["m.yaml", new Uint8Array([...Buffer.from(deploymentYaml("latin")), 0xe9, 0x0a])]],
      /^files\[0\]$/,
    ],
    [
      "NUL in the environment",
      [["m.yaml", deploymentYaml("env")]],
      /^environment$/,
      `environment=prod${encodeURIComponent(NUL)}`,
    ],
  ] as [string, [string, BlobPart][], RegExp, string?][])(
    "POST upload with %s: 4xx naming the file or field, nothing written",
    async (_what, files, field, query) => {
      const { token } = await withOwnToken({ handler: postUpload, method: "POST", params: {} });
      const before = await rowCounts();
      const response = await upload(token as string, files, query);
      const text = await response.text();
      expect(response.status, text).toBeGreaterThanOrEqual(400);
      expect(response.status, text).toBeLessThan(500);
      expect(JSON.parse(text).field, text).toMatch(field);
      expect(await rowCounts()).toEqual(before);
    },
  );
});
