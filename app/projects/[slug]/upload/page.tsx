import type { Metadata } from "next";
import Link from "next/link";
import { ScanUpload } from "@/components/ScanUpload";
import { findProject } from "@/lib/server/find-project";
import { orNotFound } from "@/lib/server/not-found-to-404";
import { getPageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Upload a scan" };

export default async function UploadPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const project = await orNotFound(findProject(await getPageActor(), slug), `/projects/${slug}/upload`);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={`/projects/${project.slug}`}>{project.name}</Link> /{" "}
        <span aria-current="page">Upload</span>
      </nav>
      <h1>Upload a scan</h1>
      <p className="muted">
        The server scans the manifests with the program&apos;s configuration and stores the result in its
        history.
      </p>
      <ScanUpload slug={project.slug} environments={project.environments.map((e) => e.name)} />
    </>
  );
}
