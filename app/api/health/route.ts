import { NextResponse } from "next/server";
import { getActor } from "@/lib/http/get-actor";
import type { Actor } from "@/lib/server/actor";
import { getHealth } from "@/lib/server/get-health";

// Anyone (a load balancer, an uptime check) learns whether the server is healthy; what it runs on (database
// host, name, version, migrations) only a signed-in instance admin. Reading the caller's session also makes the
// route dynamic: it is never prerendered at build time.
export async function GET(request: Request) {
  const admin = await isInstanceAdmin(request);
  try {
    const health = await getHealth();
    const code = health.status === "ok" ? 200 : 503;
    return NextResponse.json(admin ? health : { status: health.status }, { status: code });
  } catch (err) {
    console.error("health check failed:", err);
    return NextResponse.json({ status: "down" }, { status: 503 });
  }
}

async function isInstanceAdmin(request: Request): Promise<boolean> {
  const actor: Actor = await getActor(request).catch(() => ({ kind: "anonymous" }) as const);
  return actor.kind === "user" && actor.instanceAdmin;
}
