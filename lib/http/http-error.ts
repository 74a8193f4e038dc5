/** An error that already knows its HTTP status: raised only at the edge (request parsing, auth). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}
