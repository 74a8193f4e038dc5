import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./helpers";

// Runs last (file order): by now the other specs have signed in, created and used API tokens, and uploaded.
const LOG = `${process.env.E2E_DATA_DIR ?? ".data/e2e"}.log`;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type Line = { level: string; time: string; msg: string; requestId?: string; route?: string; status?: number };

/** The server's JSON log lines (npm's and Next's own banner before the log is installed are plain text). */
function jsonLines(log: string): Line[] {
  const lines = log.split("\n").filter((l) => l.startsWith("{"));
  return lines.map((l) => JSON.parse(l) as Line);
}

test("the server's log never contains a password or an API token", () => {
  const log = readFileSync(LOG, "utf8");
  expect(log).toContain("Rampart: created the instance admin"); // the log is the server's, and complete
  expect(log).not.toContain(ADMIN.password);
  expect(log).not.toMatch(/rmp_[A-Za-z0-9_-]{20,}/);
  expect(log).not.toMatch(/rampart\.session_token=[^;\s]{10,}/);
});

test("the log is JSON lines, each request's with its request id, and no credential a request carried", async ({
  request,
}) => {
  // Credentials of every kind sent with requests (made up, so their values can be searched for).
  const apiToken = `rmp_${randomBytes(24).toString("base64url")}`;
  const session = randomBytes(24).toString("base64url");
  const password = `pw-${randomBytes(12).toString("hex")}`;
  const known = `e2e-${randomBytes(6).toString("hex")}`;
  const withToken = await request.get("/api/v1/projects", {
    headers: { authorization: `Bearer ${apiToken}`, "x-request-id": known },
  });
  expect(withToken.headers()["x-request-id"]).toBe(known);
  const withCookie = await request.get("/api/v1/projects", {
    headers: { cookie: `rampart.session_token=${session}`, "x-request-id": `unsafe id ${session}` },
  });
  const replaced = withCookie.headers()["x-request-id"];
  expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  const signIn = await request.post("/api/auth/sign-in/email", {
    data: { email: "nobody@rampart.test", password },
    headers: { origin: new URL(withToken.url()).origin },
  });
  expect([401, 429]).toContain(signIn.status());
  const signInId = signIn.headers()["x-request-id"];

  // Each request's access line, with its request id, is in the log once the request is answered.
  let lines: Line[] = [];
  await expect
    .poll(() => {
      lines = jsonLines(readFileSync(LOG, "utf8"));
      return [known, replaced, signInId].filter((id) => lines.some((l) => l.requestId === id)).length;
    })
    .toBe(3);
  const log = readFileSync(LOG, "utf8");
  for (const secret of [apiToken, session, password]) expect(log).not.toContain(secret);
  expect(log).not.toMatch(/"(authorization|cookie|set-cookie|password)"/i);

  expect(lines.length).toBeGreaterThan(100);
  for (const line of lines) {
    expect(line).toMatchObject({
      level: expect.any(String),
      time: expect.any(String),
      msg: expect.any(String),
    });
    if (line.requestId !== undefined) expect(line.requestId).toMatch(REQUEST_ID);
  }
  // Every request the suite made was logged with a request id (one line each, ids never repeated by the server).
  const requests = lines.filter((l) => l.msg === "request");
  expect(requests.length).toBeGreaterThan(100);
  for (const line of requests) expect(line.requestId, JSON.stringify(line)).toMatch(REQUEST_ID);
  const generated = requests.map((l) => l.requestId).filter((id) => /^[0-9a-f-]{36}$/.test(id ?? ""));
  expect(new Set(generated).size).toBe(generated.length);
  // The route template, never the URL: no project slug, query string or token in a route label.
  for (const line of requests) expect(line.route).not.toMatch(/\?|rmp_|e2e-|[0-9a-f]{8}-[0-9a-f]{4}/);
});
