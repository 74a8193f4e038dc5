import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { isCrossSiteServerAction } from "./request-origins";

const action = (origin: string | null, extra: Record<string, string> = {}) => {
  const headers = new Headers({ "next-action": "7f3a9c", host: "rampart.test", ...extra });
  if (origin) headers.set("origin", origin);
  return new NextRequest("http://rampart.test/projects/maestro/settings", {
    method: "POST",
    headers,
    body: "[]",
  });
};

describe("server actions from another site", () => {
  it("cross-origin server action answers 403 (not Next's 500) before the action runs", async () => {
    for (const origin of ["https://evil.example", "http://rampart.test.evil.example", "null", null]) {
      const response = proxy(action(origin));
      expect(response.status, String(origin)).toBe(403);
      expect(await response.json()).toEqual({ error: "cross-site request refused" });
    }
  });

  it("same-origin server actions, and POSTs that are not server actions, pass through", () => {
    expect(proxy(action("http://rampart.test")).status).toBe(200);
    expect(proxy(action("https://rampart.test", { "x-forwarded-proto": "https" })).status).toBe(200);
    const form = new NextRequest("http://rampart.test/api/v1/projects", {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    // API routes make their own Origin check with the caller's identity (lib/http/get-actor.ts).
    expect(isCrossSiteServerAction(form)).toBe(false);
  });
});
