import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ProgramSettingsForm } from "@/components/ProgramSettingsForm";
import { getPageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "New program" };

/** Instance admins create programs; for anyone else the page does not exist. */
export default async function NewProgramPage() {
  const actor = await getPageActor();
  if (actor.kind === "anonymous") redirect(`/sign-in?returnTo=${encodeURIComponent("/projects/new")}`);
  if (actor.kind !== "user" || !actor.instanceAdmin) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <span aria-current="page">New program</span>
      </nav>
      <h1>New program</h1>
      <p className="muted">
        You become its admin. Then build its roadmap in the browser (Roadmap → Create roadmap), upload scans,
        and add members in Settings.
      </p>
      <ProgramSettingsForm />
    </>
  );
}
