import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { DISK_FULL_MESSAGE, isDiskFull } from "@/lib/db/storage-fault";
import { ImportError } from "@/lib/importers";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/server/errors";
import { firstIssue } from "@/lib/scanner/format-zod-error";
import { HttpError } from "./http-error";

export type ErrorBody = { error: string; field?: string };

/** Maps domain and validation errors to a JSON 4xx; anything else is logged and answered with a bare 500. */
export function errorResponse(err: unknown): NextResponse<ErrorBody> {
  if (err instanceof HttpError) return json(err.status, { error: err.message, field: err.field });
  if (err instanceof ZodError) {
    const { field, message } = firstIssue(err);
    return json(422, { error: `${field}: ${message}`, field });
  }
  if (err instanceof ImportError) return json(422, { error: err.message, field: err.path || undefined });
  if (err instanceof ValidationError) return json(422, { error: err.message, field: err.field });
  if (err instanceof NotFoundError) return json(404, { error: err.message });
  if (err instanceof ConflictError) return json(409, { error: err.message });
  if (err instanceof UnauthenticatedError) return json(401, { error: err.message });
  if (err instanceof ForbiddenError) return json(403, { error: err.message });
  if (err instanceof RateLimitedError) {
    const response = json(429, { error: err.message });
    response.headers.set("retry-after", String(err.retryAfterSeconds));
    return response;
  }
  if (isDiskFull(err)) {
    console.error("disk full:", err instanceof Error ? err.message : err);
    return json(507, { error: DISK_FULL_MESSAGE });
  }
  console.error("unhandled error:", err);
  return json(500, { error: "internal error" });
}

function json(status: number, body: ErrorBody) {
  return NextResponse.json(body, { status });
}
