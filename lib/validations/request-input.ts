/**
 * Path and query parameters as every route handler reads them: each name and value is text the database can
 * store (no NUL, no lone surrogate, bounded), else a ZodError naming the parameter (422 at the edge), before any
 * query runs. Route schemas then refine the values they use.
 */
import { z } from "zod";
import { safeText } from "./safe-text";

const paramsSchema = z.record(safeText().max(100), safeText().max(2000));

/** The route's path parameters (`{ slug, milestoneId, … }`), checked. */
export async function routeParams<T extends Record<string, string>>(params: Promise<T>): Promise<T> {
  return paramsSchema.parse(await params) as T;
}

/** The request's query string as a record, checked. A repeated name keeps its last value. */
export function queryParams(request: Request): Record<string, string> {
  return paramsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
}
