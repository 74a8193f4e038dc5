import "server-only";
import { getDb } from "./db";

/**
 * Deletes rate-limit counters whose window (or lockout) has ended. Each bogus token or client address leaves
 * one row, so without this the table grows for ever; an expired row means nothing (a new window starts over).
 */
export async function purgeExpiredRateLimits(now = new Date()): Promise<number> {
  const db = await getDb();
  const { count } = await db.rateLimiterFlexible.deleteMany({ where: { expire: { lt: now } } });
  return count;
}
