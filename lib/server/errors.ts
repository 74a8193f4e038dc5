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
