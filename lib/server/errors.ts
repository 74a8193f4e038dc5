// Domain errors raised by lib/server. Route handlers and server actions map them to HTTP statuses at the edge
// (lib/http/error-response.ts); nothing below the edge knows about HTTP.

/** The thing asked for does not exist, or the caller may not know that it exists. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** Input that parsed but makes no sense; `field` names the offending path (e.g. `workloads[3].controls.foo`). */
export class ValidationError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
    this.name = "ValidationError";
  }
}

/** The request conflicts with stored state (e.g. a slug already taken). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** No identity where one is required (no session, no valid token). */
export class UnauthenticatedError extends Error {
  constructor(message = "authentication required") {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

/** Known identity that may see the project but not do this (e.g. a viewer ticking a milestone). */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Too many requests from one caller in the current window. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many requests: retry in ${retryAfterSeconds} s`);
    this.name = "RateLimitedError";
  }
}
