import "server-only";
import { notFound, redirect } from "next/navigation";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "./errors";

/**
 * For pages: a NotFoundError from lib/server becomes Next's 404 page, and an anonymous visitor without access
 * is sent to sign in (the same for a project that does not exist: nothing leaks). A member whose role does not
 * allow the page (a viewer on the settings) gets the 404 page too rather than an error page. Anything else
 * propagates.
 */
export async function orNotFound<T>(promise: Promise<T>, returnTo?: string): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof ForbiddenError) notFound();
    if (err instanceof UnauthenticatedError) {
      redirect(returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : "/sign-in");
    }
    throw err;
  }
}
