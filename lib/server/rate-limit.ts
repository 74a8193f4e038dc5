import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "./db";
import { RateLimitedError } from "./errors";

// Counters live in PostgreSQL (RateLimiterFlexible table), so limits hold across restarts and server instances.
const LIMITS = {
  /** API calls per token. */
  token: { points: 600, duration: 60 },
  /** Uploads and pushes per caller. */
  upload: { points: 30, duration: 60 },
} as const;

const limiters = new Map<keyof typeof LIMITS, Promise<RateLimiterPrisma>>();

function limiter(kind: keyof typeof LIMITS) {
  let found = limiters.get(kind);
  if (!found) {
    found = getDb().then(
      (db) =>
        new RateLimiterPrisma({
          storeClient: db,
          tableName: "rateLimiterFlexible",
          keyPrefix: kind,
          ...LIMITS[kind],
          clearExpiredByTimeout: false,
        }),
    );
    limiters.set(kind, found);
  }
  return found;
}

/** Consumes one point for `key`; throws RateLimitedError when the window is used up. */
export async function consumeRateLimit(kind: keyof typeof LIMITS, key: string): Promise<void> {
  try {
    await (await limiter(kind)).consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new RateLimitedError(Math.ceil(err.msBeforeNext / 1000));
    throw err;
  }
}
