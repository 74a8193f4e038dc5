import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

/** Every notFound() (unknown program, scan, component, diff target…) renders this, answered with HTTP 404. */
export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p className="card">
        This page could not be found. The program, scan or component may not exist, or you may not have access
        to it.
      </p>
      <p>
        <Link href="/">Back to the programs</Link>
      </p>
    </>
  );
}
