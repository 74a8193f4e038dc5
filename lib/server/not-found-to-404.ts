import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "./errors";

/** For pages: a NotFoundError from lib/server becomes Next's 404 page; anything else propagates. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}
