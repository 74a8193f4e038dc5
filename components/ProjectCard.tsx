import Link from "next/link";
import { TableScroll } from "@/components/TableScroll";
import { passRate } from "@/lib/metrics/pass-rate";
import type { ProjectCard as ProjectCardData } from "@/lib/server/find-projects";

const HEADLINE_CONTROLS = [
  ["run-as-non-root", "runAsNonRoot"],
  ["seccomp-profile", "seccomp"],
  ["network-policy", "NetworkPolicy"],
] as const;

export function ProjectCard({ project }: { project: ProjectCardData }) {
  return (
    <li className="card">
      <h2 className="card-title">
        <Link href={`/projects/${project.slug}`}>{project.name}</Link>
      </h2>
      <p className="muted">{project.description}</p>
      {project.environments.some((env) => env.latest) ? (
        <ScanTable environments={project.environments} />
      ) : (
        // A table of "no scan yet" rows says less than one line.
        <p className="muted">
          No scans yet: <Link href={`/projects/${project.slug}/upload`}>upload manifests</Link> or push a scan
          from the CLI.
        </p>
      )}
    </li>
  );
}

function ScanTable({ environments }: { environments: ProjectCardData["environments"] }) {
  return (
    <TableScroll>
      <table className="mini-table">
        <caption className="visually-hidden">Latest scan per environment</caption>
        <thead>
          <tr>
            <th scope="col">Environment</th>
            <th scope="col">Workloads</th>
            {HEADLINE_CONTROLS.map(([id, label]) => (
              <th scope="col" key={id}>
                {label}
              </th>
            ))}
            <th scope="col">Last scan</th>
          </tr>
        </thead>
        <tbody>
          {environments.map((env) => (
            <tr key={env.name}>
              <th scope="row">{env.name}</th>
              {env.latest ? (
                <>
                  <td>{env.latest.workloads}</td>
                  {HEADLINE_CONTROLS.map(([id]) => {
                    const rate = passRate(env.latest?.controls[id]);
                    return <td key={id}>{rate === null ? "–" : `${Math.round(rate * 100)}%`}</td>;
                  })}
                  <td>
                    <time dateTime={env.latest.takenAt.toISOString()}>
                      {env.latest.takenAt.toISOString().slice(0, 10)}
                    </time>
                  </td>
                </>
              ) : (
                <td colSpan={HEADLINE_CONTROLS.length + 2} className="muted">
                  no scan yet
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
