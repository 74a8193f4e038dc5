import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { POST as postUpload } from "@/app/api/v1/projects/[slug]/uploads/route";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-address";
import { deploymentYaml, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createProject } from "./create-project";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { findTokenActor } from "./find-token-actor";
import { purgeExpiredRateLimits } from "./purge-expired-rate-limits";
import { consumeRateLimit, refundRateLimit } from "./rate-limit";

const PASSWORD = "the real password 123";
let addressSeq = 0;
/** A fresh documentation address (RFC 5737), so each test's clients start with empty counters. */
const freshAddress = () => `198.51.${100 + Math.floor(addressSeq / 250)}.${(addressSeq++ % 250) + 1}`;
const randomAddress = () => `203.0.113.${Math.floor(Math.random() * 254) + 1}`;

async function newAccount(prefix: string) {
  const email = `${prefix}-${uniqueSlug()}@example.com`;
  await createUser(SYSTEM, { name: prefix, email, password: PASSWORD });
  return email;
}

/** A sign-in as the server sees it: the TCP peer stamped by scripts/peer-address.cjs, headers as sent. */
function signIn(email: string, password: string, peer: string, forwardedFor?: string) {
  const headers = new Headers({
    "content-type": "application/json",
    origin: "http://rampart.test",
    [PEER_ADDRESS_HEADER]: peer,
  });
  if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
  return authPost(
    new Request("http://rampart.test/api/auth/sign-in/email", {
      method: "POST",
      headers,
      body: JSON.stringify({ email, password }),
    }),
  );
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("rate limits (stored in the database)", () => {
  it("stop password guessing: the 6th sign-in attempt within a minute from one address gets 429", async () => {
    const email = await newAccount("guess");
    const peer = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn(email, "wrong guess", peer)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });

  it("rate limit ignores X-Forwarded-For unless RAMPART_TRUSTED_PROXIES names the peer: a rotating X-Forwarded-For gets 429 after the limit", async () => {
    vi.stubEnv("RAMPART_TRUSTED_PROXIES", "");
    const email = await newAccount("xff");
    const peer = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await signIn(email, "wrong guess", peer, `${randomAddress()}, ${randomAddress()}`)).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it("rate limit behind RAMPART_TRUSTED_PROXIES counts the right-most untrusted X-Forwarded-For address: spoofed entries to its left change nothing, another client has its own limit", async () => {
    vi.stubEnv("RAMPART_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.10");
    const email = await newAccount("proxied");
    const proxy = "10.1.2.3";
    const client = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      // The client forged the first entry; the edge proxy appended the client, an inner proxy its own address.
      const chain = `${randomAddress()}, ${client}, 192.0.2.10`;
      statuses.push((await signIn(email, "wrong guess", proxy, chain)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // The same proxy forwarding another client: its own counter (and a peer that is no proxy is not believed).
    expect((await signIn(email, "wrong guess", proxy, freshAddress())).status).toBe(401);
  });

  it("account lockout: after 10 wrong passwords from any addresses the account refuses even the correct password (429) until the window ends", async () => {
    const email = await newAccount("lockout");
    const statuses: number[] = [];
    // A distributed guess: every attempt from another address, so no per-address limit is reached.
    for (let i = 0; i < 11; i++) statuses.push((await signIn(email, "wrong guess", freshAddress())).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);

    const correct = await signIn(email, PASSWORD, freshAddress());
    expect(correct.status).toBe(429);
    expect(Number(correct.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(correct.headers.getSetCookie()).toEqual([]);

    // Other accounts are not affected.
    expect((await signIn(await newAccount("bystander"), PASSWORD, freshAddress())).status).toBe(200);

    // When the lockout window has passed (moved into the past here), the right password works again.
    const db = await getDb();
    await db.rateLimiterFlexible.update({
      where: { key: `account:${email}` },
      data: { expire: new Date(Date.now() - 1000) },
    });
    expect((await signIn(email, PASSWORD, freshAddress())).status).toBe(200);
  });

  it("successful sign-ins do not count against the address or the account", async () => {
    const email = await newAccount("regular");
    const peer = freshAddress();
    for (let i = 0; i < 12; i++) expect((await signIn(email, PASSWORD, peer)).status).toBe(200);
    expect((await signIn(email, "wrong guess", peer)).status).toBe(401);
  });

  it("a refund never puts a counter in credit (a successful sign-in straddling the end of a window)", async () => {
    const key = `ip:${freshAddress()}`;
    await consumeRateLimit("password", key);
    const db = await getDb();
    await db.rateLimiterFlexible.update({
      where: { key: `password:${key}` },
      data: { expire: new Date(Date.now() - 1) },
    });
    await refundRateLimit("password", key);
    await refundRateLimit("password", key);
    for (let i = 0; i < 5; i++) await consumeRateLimit("password", key);
    await expect(consumeRateLimit("password", key)).rejects.toThrow(/too many requests/);
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

describe("rate-limit rows are purged once expired", () => {
  it("purgeExpiredRateLimits deletes every expired counter and keeps the live ones", async () => {
    const db = await getDb();
    const tag = uniqueSlug("purge");
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 60_000);
    await db.rateLimiterFlexible.createMany({
      data: [
        ...Array.from({ length: 50 }, (_, i) => ({
          key: `token:bogus-${tag}-${i}`,
          points: 1,
          expire: past,
        })),
        { key: `password:ip:live-${tag}`, points: 3, expire: future },
      ],
    });
    expect(await purgeExpiredRateLimits()).toBeGreaterThanOrEqual(50);
    expect(await db.rateLimiterFlexible.count({ where: { key: { contains: `bogus-${tag}` } } })).toBe(0);
    expect(await db.rateLimiterFlexible.count({ where: { key: `password:ip:live-${tag}` } })).toBe(1);
  });

  it("a flood of bogus tokens leaves a bounded table: writes purge expired rows as they go", async () => {
    const db = await getDb();
    const tag = uniqueSlug("flood-tokens");
    // Yesterday's flood: one row per bogus token, all expired.
    await db.rateLimiterFlexible.createMany({
      data: Array.from({ length: 200 }, (_, i) => ({
        key: `token:old-${tag}-${i}`,
        points: 1,
        expire: new Date(Date.now() - 3_600_000),
      })),
    });
    // Today's bogus tokens: each is refused (401) and counted; the draw that triggers a purge comes up.
    vi.spyOn(Math, "random").mockReturnValue(0);
    let lastPurge = new Date();
    for (let i = 0; i < 3; i++) {
      lastPurge = new Date();
      await expect(findTokenActor(`rmp_bogus_${tag}_${i}`)).rejects.toThrow(/invalid, expired or revoked/);
    }
    expect(await db.rateLimiterFlexible.count({ where: { key: { contains: `old-${tag}` } } })).toBe(0);
    // Other suites' short windows may end after the last purge ran; every row already over at that moment is gone.
    expect(await db.rateLimiterFlexible.count({ where: { expire: { lt: lastPurge } } })).toBe(0);
  });

  it("consumeRateLimit purges only on a small fraction of writes", async () => {
    const db = await getDb();
    const tag = uniqueSlug("rare-purge");
    await db.rateLimiterFlexible.create({
      data: { key: `token:stale-${tag}`, points: 1, expire: new Date(Date.now() - 1000) },
    });
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    await consumeRateLimit("upload", `user:${tag}`);
    expect(await db.rateLimiterFlexible.count({ where: { key: `token:stale-${tag}` } })).toBe(1);
  });
});
