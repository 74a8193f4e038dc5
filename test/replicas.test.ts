import { readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./corpus";
import { deploymentYaml, scanOf } from "./factories";
import {
  DIST_DIR,
  roundRobinProxy,
  type Server,
  startServer,
  stopServer,
  waitUntilReady,
} from "../scripts/replica-servers";
import { freshDatabase, missingPrerequisite } from "./replica-servers";

// Several replicas of the production server (npm start) on one PostgreSQL database behind a round-robin proxy:
// nothing a replica keeps in its own memory may change an answer, and start-up work happens exactly once.
const missing = missingPrerequisite();
if (missing) console.log(`replica tests skipped: ${missing}`);

const PORTS = [3521, 3522, 3523];
const METRICS_TOKEN = "replicas-metrics-token-0123456789";
const ADMIN = { email: "admin@replicas.test", password: "replica-admin-password-1" };
// What the servers apply: the migrations copied into the build (next.config.js outputFileTracingIncludes).
const MIGRATIONS = readdirSync(path.join(REPO_ROOT, DIST_DIR, "standalone", "prisma", "migrations"), {
  withFileTypes: true,
}).filter((d) => d.isDirectory()).length;

describe.skipIf(missing)("three replicas on one PostgreSQL", { timeout: 180_000 }, () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let servers: Server[] = [];
  let proxy: Awaited<ReturnType<typeof roundRobinProxy>>;
  let cookie = "";
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.client.query(sql, params)).rows[0].count);

  /** A request with the session cookie and the target's own Origin (the CSRF check). */
  const call = (base: string, route: string, init: RequestInit & { json?: unknown } = {}) =>
    fetch(`${base}${route}`, {
      ...init,
      headers: {
        origin: base,
        cookie,
        ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        ...(init.headers as Record<string, string>),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  const signIn = (base: string, password: string, email = ADMIN.email) =>
    call(base, "/api/auth/sign-in/email", {
      method: "POST",
      json: { email, password },
      headers: { cookie: "" },
    });

  beforeAll(async () => {
    db = await freshDatabase("replicas");
    // All three at the same instant on an empty database, with the headless admin and the demo.
    const env = {
      DATABASE_URL: db.url,
      BETTER_AUTH_SECRET: "replicas-test-secret-0123456789abcdef",
      RAMPART_ADMIN_EMAIL: ADMIN.email,
      RAMPART_ADMIN_PASSWORD: ADMIN.password,
      RAMPART_METRICS_TOKEN: METRICS_TOKEN,
    };
    servers = PORTS.map((port) => startServer(port, env));
    await Promise.all(servers.map((s) => waitUntilReady(s)));
    proxy = await roundRobinProxy(PORTS);
  }, 240_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(servers.map((s) => stopServer(s)));
    await db?.drop();
  });

  it("started together on an empty database: migrations, the admin and the demo happen exactly once", async () => {
    const outputs = servers.map((s) => s.output());
    for (const output of outputs) expect(output).not.toMatch(/cannot start|Unique constraint|could not load/);
    expect(outputs.filter((o) => o.includes("loaded the demo program"))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes("created the instance admin"))).toHaveLength(1);
    expect(await count(`SELECT count(*) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)).toBe(
      MIGRATIONS,
    );
    expect(await count(`SELECT count(*) FROM "_prisma_migrations"`)).toBe(MIGRATIONS);
    expect(await count(`SELECT count(*) FROM "User"`)).toBe(1);
    expect(await count(`SELECT count(*) FROM "Project"`)).toBe(1);
    expect(await count(`SELECT count(*) FROM "Scan"`)).toBeGreaterThan(0);
  });

  it("a session created on one replica works on the others", async () => {
    const answer = await signIn(servers[0].base, ADMIN.password);
    expect(answer.status).toBe(200);
    const set = answer.headers.getSetCookie().find((c) => c.startsWith("rampart.session_token="));
    expect(set).toBeDefined();
    cookie = (set as string).split(";")[0];
    for (const server of servers)
      expect((await call(server.base, "/api/v1/projects/maestro/audit")).status).toBe(200);
    expect([401, 403]).toContain((await fetch(`${servers[1].base}/api/v1/projects/maestro/audit`)).status);
  });

  it("a milestone ticked through one replica shows through the others on the next request", async () => {
    const { rows } = await db.client.query(
      `SELECT m.id, m.key FROM "Milestone" m JOIN "WorkStream" w ON w.id = m."workStreamId"
       JOIN "Phase" p ON p.id = w."phaseId" JOIN "Project" pr ON pr.id = p."projectId"
       WHERE pr.slug = 'maestro' AND m."doneOn" IS NULL AND m.key IS NOT NULL ORDER BY m.position LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const milestone = async (base: string) => {
      const program = await (
        await call(base, "/api/v1/projects/maestro/program", { headers: { accept: "application/json" } })
      ).json();
      const all = program.phases.flatMap(
        (p: { milestones: { id: string; done?: unknown }[] }) => p.milestones,
      );
      return all.find((m: { id: string }) => m.id === rows[0].key);
    };
    for (const server of servers) expect((await milestone(server.base)).done).toBeUndefined();
    const route = `/api/v1/projects/maestro/milestones/${rows[0].id}/done`;
    expect((await call(servers[0].base, route, { method: "PUT", json: { done: true } })).status).toBe(200);
    for (const server of servers.slice(1)) expect((await milestone(server.base)).done).toBeDefined();
    expect((await call(servers[1].base, route, { method: "PUT", json: { done: false } })).status).toBe(200);
    for (const server of [servers[0], servers[2]])
      expect((await milestone(server.base)).done).toBeUndefined();
  });

  let token = "";
  const push = (base: string, body: string) =>
    fetch(`${base}/api/v1/projects/replicas/scans?environment=production`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
    });

  it("20 identical concurrent pushes spread over the replicas store one scan", async () => {
    const created = await call(proxy.base, "/api/v1/projects", {
      method: "POST",
      json: { slug: "replicas", name: "Replicas", environments: [{ name: "production" }] },
    });
    expect(created.status).toBe(201);
    const minted = await call(proxy.base, "/api/v1/projects/replicas/tokens", {
      method: "POST",
      json: { name: "ci", scope: "ingest" },
    });
    expect(minted.status).toBe(201);
    token = (await minted.json()).token.token;
    const body = JSON.stringify(
      scanOf({ "web.yaml": deploymentYaml("web", { hardened: false }) }, new Date("2025-10-05T10:00:00Z")),
    );
    const answers = await Promise.all(Array.from({ length: 20 }, () => push(proxy.base, body)));
    const bodies = await Promise.all(answers.map(async (a) => ({ status: a.status, body: await a.json() })));
    const statuses = bodies.map((a) => a.status);
    // On failure, the replicas' own error lines say why.
    const errors = servers.flatMap((server) =>
      server
        .output()
        .split("\n")
        .filter((l) => /error/i.test(l)),
    );
    expect(
      bodies.filter((a) => a.status !== 200 && a.status !== 201),
      errors.join("\n"),
    ).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const ids = new Set(bodies.map((a) => a.body.scan.id as string));
    expect(ids.size).toBe(1);
    expect(
      await count(
        `SELECT count(*) FROM "Scan" s JOIN "Project" p ON p.id = s."projectId" WHERE p.slug = $1`,
        ["replicas"],
      ),
    ).toBe(1);
  });

  it("each replica counts its own requests and ingests in /api/metrics and logs JSON lines with request ids", async () => {
    const scrape = async (server: Server) => {
      expect((await fetch(`${server.base}/api/metrics`)).status).toBe(401);
      const answer = await fetch(`${server.base}/api/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(answer.status).toBe(200);
      return answer.text();
    };
    const texts = await Promise.all(servers.map(scrape));
    const total = (series: string) =>
      texts.reduce((n, text) => {
        const line = text.split("\n").find((l) => l.startsWith(`${series} `));
        return n + (line ? Number(line.slice(series.length + 1)) : 0);
      }, 0);
    // The 20 pushes above, summed over the replicas as Prometheus sums them (the demo's scans, stored by one
    // replica at start, are ingests too).
    const demoScans = await count(
      `SELECT count(*) FROM "Scan" s JOIN "Project" p ON p.id = s."projectId" WHERE p.slug = 'maestro'`,
    );
    expect(total('rampart_ingests_total{outcome="created"}')).toBe(1 + demoScans);
    expect(total('rampart_ingests_total{outcome="existing"}')).toBe(19);
    const pushes = ["200", "201"].map((status) =>
      total(
        `rampart_http_request_duration_seconds_count{route="/api/v1/projects/[slug]/scans",method="POST",status="${status}"}`,
      ),
    );
    expect(pushes).toEqual([19, 1]);
    for (const text of texts) {
      expect(text).toMatch(/rampart_db_pool_connections\{engine="postgresql",state="total"\} [1-9]/);
      expect(text).toContain("rampart_process_resident_memory_bytes");
    }
    const answer = await fetch(`${servers[0].base}/api/health`, {
      headers: { "x-request-id": "replica-trace-1" },
    });
    expect(answer.headers.get("x-request-id")).toBe("replica-trace-1");
    await expect.poll(() => servers[0].output().includes('"requestId":"replica-trace-1"')).toBe(true);
    const lines = servers[0]
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"));
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");
    expect(requests.length).toBeGreaterThan(5);
    for (const line of requests) expect(line.requestId).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    expect(servers[0].output()).not.toContain(token);
    expect(servers[0].output()).not.toContain(cookie.split("=")[1]);
  });

  it("an exception revoked through one replica stops waiving on the others at once", async () => {
    const later = JSON.stringify(
      scanOf({ "web.yaml": deploymentYaml("web", { hardened: false }) }, new Date("2025-10-12T10:00:00Z")),
    );
    expect((await push(servers[2].base, later)).status).toBe(201);
    const failing = async (base: string) => {
      const answer = await call(base, "/api/v1/projects/replicas/reports?format=json");
      expect(answer.status).toBe(200);
      const report = await answer.json();
      return report.remaining.failingComponents.flatMap(
        (c: { controls: string[] }) => c.controls,
      ) as string[];
    };
    // Each replica reads (and keeps) the current view before the exception exists.
    for (const server of servers) expect(await failing(server.base)).toContain("run-as-non-root");
    const documented = await call(servers[0].base, "/api/v1/projects/replicas/exceptions", {
      method: "POST",
      json: {
        selector: { kind: "Deployment", namespace: "apps", name: "web" },
        control: "run-as-non-root",
        justification: "replica test",
        owner: "platform",
        expires: null,
      },
    });
    expect(documented.status).toBe(201);
    for (const server of servers) expect(await failing(server.base)).not.toContain("run-as-non-root");
    const { rows } = await db.client.query(`SELECT id FROM "Exception" WHERE justification = 'replica test'`);
    const revoked = await call(servers[0].base, `/api/v1/projects/replicas/exceptions/${rows[0].id}`, {
      method: "DELETE",
    });
    expect(revoked.status).toBeLessThan(300);
    for (const server of servers.slice(1)) expect(await failing(server.base)).toContain("run-as-non-root");
  });

  it("PDF renders are bounded per replica (503 beyond its queue) and per caller across replicas (429)", async () => {
    const pdf = (base: string) => call(base, "/api/v1/projects/maestro/reports?format=pdf");
    // One replica renders 2 and queues 4: a 7th at the same moment is refused at once with Retry-After.
    const burst = await Promise.all(Array.from({ length: 7 }, () => pdf(servers[1].base)));
    const busy = burst.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(busy[0].headers.get("retry-after")).toBeTruthy();
    expect(burst.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    // Another replica has its own queue: it renders.
    expect((await pdf(servers[2].base)).status).toBe(200);
    // The per-caller limit (10 a minute) is counted in the database, before the report is even looked up: spent
    // across the replicas (quickly, on a program that does not exist), it refuses on every one of them.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await call(servers[i % 3].base, "/api/v1/projects/no-such-program/reports?format=pdf")).status,
      );
    expect(statuses).toContain(429);
    const first = statuses.indexOf(429);
    expect(statuses.slice(0, first).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
  });

  it("the sign-in rate limit is shared: the 6th wrong password across replicas is refused", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(proxy.base, `wrong-password-${i}`)).status);
    const counters = await db.client.query(`SELECT key, points FROM "RateLimiterFlexible" ORDER BY key`);
    expect({ statuses, counters: counters.rows }).toMatchObject({ statuses: [401, 401, 401, 401, 401, 429] });
    // Refused everywhere now, even with the right password.
    for (const server of servers) expect((await signIn(server.base, ADMIN.password)).status).toBe(429);
  });

  it("on SIGTERM a replica finishes the ingest in flight (all or nothing), refuses new work and exits within 10 s", async () => {
    const files = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [
        `w${i}.yaml`,
        deploymentYaml(`w${i}`, { hardened: i % 2 === 0 }),
      ]),
    );
    const body = JSON.stringify(scanOf(files, new Date("2025-10-19T10:00:00Z")));
    const victim = servers[2];
    const inFlight = push(victim.base, body).then(
      (a) => a.status,
      () => "connection closed",
    );
    // Stop the replica once the ingest's transaction is open (no other request runs on this database now).
    let answered = false;
    void inFlight.then(() => {
      answered = true;
    });
    const openTransactions = () =>
      count(
        `SELECT count(*) FROM pg_stat_activity
         WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
      );
    while ((await openTransactions()) === 0) {
      if (answered)
        throw new Error(`the ingest was answered (${await inFlight}) before it was seen in flight`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const stopping = performance.now();
    // Measured from the signal to the process's exit (not to when this test gets round to looking).
    const exit = victim.exited.then((result) => ({
      ...result,
      seconds: (performance.now() - stopping) / 1000,
    }));
    victim.child.kill("SIGTERM");
    // New connections (not the pool's kept-alive ones) are refused while the replica is still finishing: tried
    // until one is (the signal handler runs once the event loop is free), noting whether the process was alive.
    const probe = () =>
      new Promise<number | "refused">((resolve) => {
        const request = http.get(
          { host: "127.0.0.1", port: victim.port, path: "/api/health", agent: false, timeout: 5_000 },
          (a) => {
            a.resume();
            resolve(a.statusCode ?? 0);
          },
        );
        request.on("error", () => resolve("refused"));
        request.on("timeout", () => request.destroy());
      });
    let refusedWhileRunning = false;
    while (victim.child.exitCode === null && victim.child.signalCode === null) {
      if ((await probe()) === "refused") {
        refusedWhileRunning = victim.child.exitCode === null && victim.child.signalCode === null;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const status = await inFlight;
    const { code, signal, seconds } = await exit;
    console.log(`replica stopped in ${seconds.toFixed(1)} s; the ingest in flight answered ${status}`);
    expect(seconds).toBeLessThan(10);
    expect(code === 143 || signal === "SIGTERM").toBe(true);
    expect(refusedWhileRunning).toBe(true);
    const { rows } = await db.client.query(
      `SELECT s.id, s."workloadCount", (SELECT count(*) FROM "ScanWorkload" w WHERE w."scanId" = s.id) AS stored
       FROM "Scan" s WHERE s."takenAt" = '2025-10-19T10:00:00Z'`,
    );
    if (status === 201) expect(rows).toHaveLength(1);
    expect(rows.length).toBeLessThanOrEqual(1);
    // All or nothing: a stored scan has every workload.
    for (const row of rows) expect(Number(row.stored)).toBe(row.workloadCount);
    expect(victim.output()).not.toMatch(/closing the database failed/);
    // The others go on serving.
    expect((await fetch(`${servers[0].base}/api/health`)).status).toBe(200);
  });
});
