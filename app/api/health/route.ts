import { connection, NextResponse } from "next/server";
import { getHealth } from "@/lib/server/get-health";

export async function GET() {
  await connection();
  try {
    const health = await getHealth();
    return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
  } catch (err) {
    console.error("health check failed:", err);
    return NextResponse.json({ status: "down", error: "database unavailable" }, { status: 503 });
  }
}
