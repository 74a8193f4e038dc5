"use client";

import Link from "next/link";

export default function ProjectError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="alert alert-error">
      <h1>This program could not be shown</h1>
      <p>
        Something went wrong while computing its figures.
        {error.digest ? (
          <>
            {" "}
            Reference: <code>{error.digest}</code>
          </>
        ) : null}
      </p>
      <p>
        <button type="button" className="button" onClick={() => reset()}>
          Try again
        </button>{" "}
        <Link href="/">Back to the programs</Link>
      </p>
    </div>
  );
}
