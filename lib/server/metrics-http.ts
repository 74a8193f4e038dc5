import "server-only";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { log, requestContext, routeConsoleToLog } from "@/lib/log";
import { getMetrics } from "./metrics";

type RouteEntry = { page: string; regex: string };
type RouteMatcher = (pathname: string) => string;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Route templates from the build's routes-manifest.json (`/api/v1/projects/[slug]/scans`), so the request metric's
 * labels stay bounded and carry no project names or ids. Anything else is `/_next/static` or `other`.
 */
export function routeMatcher(manifest: {
  staticRoutes: RouteEntry[];
  dynamicRoutes: RouteEntry[];
}): RouteMatcher {
  const routes = [...manifest.staticRoutes, ...manifest.dynamicRoutes].map((r) => ({
    page: r.page,
    regex: new RegExp(r.regex),
  }));
  return (pathname) => {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    return routes.find((r) => r.regex.test(pathname))?.page ?? "other";
  };
}

/** The caller's X-Request-Id when it is a plain token (a proxy's or the ingress's), else a new one. */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === "string" && REQUEST_ID.test(header) ? header : randomUUID();
}

function loadMatcher(): RouteMatcher {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  try {
    const file = path.join(/* turbopackIgnore: true */ process.cwd(), distDir, "routes-manifest.json");
    return routeMatcher(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return () => "other"; // `next dev`: no manifest; the metric still counts, by status
  }
}

/**
 * Observes every HTTP request this process serves, whatever handles it (pages, route handlers, server actions,
 * static files): duration by route template and status in /api/metrics, an X-Request-Id on the request and the
 * response, the request id on every log line written while serving it, and one JSON access line per request.
 * Done at the HTTP server rather than per route handler so nothing is missed; installed once by instrumentation.ts.
 * `routes` names the route templates (default: the build's routes-manifest.json).
 */
export function installHttpObservation(routes?: RouteMatcher) {
  const state = globalThis as unknown as { rampartHttpObserved?: boolean };
  if (state.rampartHttpObserved) return;
  state.rampartHttpObserved = true;
  routeConsoleToLog();
  const matchRoute = routes ?? loadMatcher();
  const { httpDuration } = getMetrics();
  type Emit = (this: http.Server, event: string, ...args: unknown[]) => boolean;
  const emit = http.Server.prototype.emit as Emit;
  const observedEmit: Emit = function observedEmit(event, ...args) {
    if (event !== "request") return emit.call(this, event, ...args);
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    const requestId = requestIdFor(request.headers["x-request-id"]);
    request.headers["x-request-id"] = requestId;
    response.setHeader("x-request-id", requestId);
    const started = process.hrtime.bigint();
    response.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = matchRoute(new URL(request.url ?? "/", "http://x").pathname);
      const status = String(response.statusCode);
      httpDuration.observe({ route, method: request.method ?? "GET", status }, seconds);
      log.info(
        {
          requestId,
          method: request.method,
          route,
          status: response.statusCode,
          ms: Math.round(seconds * 1000),
        },
        "request",
      );
    });
    return requestContext.run({ requestId }, () => emit.call(this, event, ...args));
  };
  http.Server.prototype.emit = observedEmit as typeof http.Server.prototype.emit;
}
