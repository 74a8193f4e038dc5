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
      <h1>Hardening programs</h1>
      <p className="muted">
        Each program tracks its workloads&apos; compliance across scans, its roadmap and its exit criteria.
      </p>
      {projects.length === 0 ? (
        <div className="card">
          <p>
            No program yet. Create one, then push a scan:{" "}
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
