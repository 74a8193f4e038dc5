import { NextResponse } from "next/server";
import { getReadiness } from "@/lib/server/get-readiness";

// The readiness probe (deploy/kubernetes): 200 when the database answers and its migrations are applied, 503
// otherwise, so a replica gets no traffic until then. Read afresh on every call: never cached or prerendered.
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await getReadiness();
  return NextResponse.json(readiness, {
    status: readiness.ready ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
