import type { Metadata } from "next";
import { SetupForm } from "@/components/SetupForm";
import { isSetupTokenValid } from "@/lib/server/first-run-setup";

export const metadata: Metadata = { title: "First-run setup" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const valid = token ? await isSetupTokenValid(token) : false;
  return (
    <>
      <h1>Set up Rampart</h1>
      {valid && token ? (
        <>
          <p className="muted">Create the instance administrator. This link works once.</p>
          <SetupForm token={token} />
        </>
      ) : (
        <p className="card">
          This setup link is invalid or has been used. The server prints a new one at start while no account
          exists.
        </p>
      )}
    </>
  );
}
