"use client";

import { createAuthClient } from "better-auth/react";

/** better-auth's browser client: same-origin /api/auth endpoints. */
export const authClient = createAuthClient();

/** Starts single sign-on with the OIDC provider configured on the server (better-auth's generic OAuth plugin). */
export async function signInWithOidc(callbackURL: string): Promise<void> {
  const response = await fetch("/api/auth/sign-in/oauth2", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ providerId: "oidc", callbackURL }),
  });
  const { url } = (await response.json()) as { url?: string };
  if (url) window.location.assign(url);
}
