import Link from "next/link";
import { connection } from "next/server";
import { findProjects } from "@/lib/server/find-projects";

export default async function HomePage() {
  await connection();
  const projects = await findProjects();
  return (
    <>
      <h1>Hardening programs</h1>
      <p className="muted">
        Each program tracks its workloads&apos; compliance across scans, its roadmap and exit criteria.
      </p>
      {projects.length === 0 ? (
        <div className="card">
          <p>No program yet. Push a scan with the CLI to create one.</p>
        </div>
      ) : (
        <ul className="card-list">
          {projects.map((p) => (
            <li key={p.id} className="card">
              <h2>
                <Link href={`/projects/${p.slug}`}>{p.name}</Link>
              </h2>
              <p className="muted">{p.description}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
