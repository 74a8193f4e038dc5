import Link from "next/link";
import { connection } from "next/server";
import { ProjectCard } from "@/components/ProjectCard";
import { findProjects } from "@/lib/server/find-projects";
import { getPageActor } from "@/lib/server/page-actor";

export default async function HomePage() {
  await connection();
  const actor = await getPageActor();
  const projects = await findProjects(actor);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Hardening programs</h1>
          <p className="muted">
            Each program tracks its workloads&apos; compliance across scans, its roadmap and its exit
            criteria.
          </p>
        </div>
        {actor.kind === "user" && actor.instanceAdmin && (
          <Link href="/projects/new" className="button button-primary">
            New program
          </Link>
        )}
      </div>
      {projects.length === 0 ? (
        <div className="card">
          <p>
            No program yet.{" "}
            {actor.kind === "user" && actor.instanceAdmin
              ? "Create one with New program, then upload a scan or push one:"
              : "An instance admin creates one; then push a scan:"}{" "}
            <code>npm run rampart -- scan ./manifests --push …</code>
          </p>
        </div>
      ) : (
        <ul className="card-list">
          {projects.map((p) => (
            <ProjectCard key={p.id} project={p} />
          ))}
        </ul>
      )}
    </>
  );
}
