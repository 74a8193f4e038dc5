import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "./db";
import { RateLimitedError } from "./errors";
import { purgeExpiredRateLimits } from "./purge-expired-rate-limits";

// Counters live in the database (RateLimiterFlexible table), so limits hold across restarts and across every
// server process that shares one PostgreSQL.
export const LIMITS = {
  /** API calls per token. */
  token: { points: 600, duration: 60 },
  /** Uploads and pushes per caller. */
  upload: { points: 30, duration: 60 },
  /** PDF report exports per caller (each costs Chromium about a second of a CPU core). */
  pdf: { points: 10, duration: 60 },
  /** Requests to the auth endpoints (sign-in, sign-out, OIDC) per client address (successful ones are given back). */
  auth: { points: 60, duration: 60 },
  /** Password attempts per client address (a successful one is given back). */
  password: { points: 5, duration: 60 },
  /**
   * Password attempts per account, from anywhere (a successful one is given back): the 11th failure within 15
   * minutes locks the account for 15 minutes, and during the lockout even the right password is refused.
   */
  account: { points: 10, duration: 15 * 60, blockDuration: 15 * 60 },
} as const;

export type RateLimitKind = keyof typeof LIMITS;

/** On about one write in PURGE_ONE_IN, expired counters of every kind are deleted (no timer, no extra process). */
const PURGE_ONE_IN = 100;

function limiter(kind: RateLimitKind, db: Awaited<ReturnType<typeof getDb>>) {
  // Built per call: cheap, holds no state, and never outlives a closed database connection.
  return new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimiterFlexible",
    keyPrefix: kind,
    ...LIMITS[kind],
    clearExpiredByTimeout: false,
  });
}

/** Consumes one point for `key`; throws RateLimitedError when the window is used up (or the key is locked). */
export async function consumeRateLimit(kind: RateLimitKind, key: string): Promise<void> {
  const db = await getDb();
  if (Math.random() * PURGE_ONE_IN < 1) await purgeExpiredRateLimits();
  try {
    await limiter(kind, db).consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes)
      throw new RateLimitedError(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    throw err;
  }
}

/**
 * Gives back the point of an attempt that turned out legitimate (a successful sign-in). Only within the live
 * window and never below zero: giving back into a window that has just ended would start the next one in credit.
 */
export async function refundRateLimit(kind: RateLimitKind, key: string): Promise<void> {
  const db = await getDb();
  await db.rateLimiterFlexible.updateMany({
    where: { key: `${kind}:${key}`, expire: { gt: new Date() }, points: { gt: 0 } },
    data: { points: { decrement: 1 } },
  });
}
