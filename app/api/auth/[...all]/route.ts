import { getAuth } from "@/lib/auth/auth";

// better-auth's endpoints: sign-in, sign-out, session, OIDC callbacks.
async function handle(request: Request) {
  return (await getAuth()).handler(request);
}

export { handle as GET, handle as POST };
