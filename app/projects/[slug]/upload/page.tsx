import type { Metadata } from "next";
import Link from "next/link";
import { ScanUpload } from "@/components/ScanUpload";
import { allows } from "@/lib/server/actor";
import { findProject } from "@/lib/server/find-project";
import { orNotFound } from "@/lib/server/not-found-to-404";
import { getPageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Upload a scan" };

export default async function UploadPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await getPageActor();
  const here = `/projects/${slug}/upload`;
  const project = await orNotFound(findProject(actor, slug), here);
  // The form is offered only to who may store scans: others learn why before choosing any file.
  const mayUpload = allows(actor, project, "ingest");
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={`/projects/${project.slug}`}>{project.name}</Link> /{" "}
        <span aria-current="page">Upload</span>
      </nav>
      <h1>Upload a scan</h1>
      {mayUpload ? (
        <>
          <p className="muted">
            The server scans the manifests with the program&apos;s configuration and stores the result in its
            history.
          </p>
          <ScanUpload slug={project.slug} environments={project.environments.map((e) => e.name)} />
        </>
      ) : actor.kind === "anonymous" ? (
        <p className="card">
          <Link href={`/sign-in?returnTo=${encodeURIComponent(here)}`}>Sign in to upload</Link> scans to this
          program: editors and admins of the program may upload.
        </p>
      ) : (
        <p className="card">
          Your role in this program ({project.role ?? "none: it is public"}) does not allow uploads. Ask one
          of its admins to make you an editor.
        </p>
      )}
    </>
  );
}
