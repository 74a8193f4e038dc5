import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DataTable } from "@/components/DataTable";
import { DeleteProject } from "@/components/DeleteProject";
import { MemberManager } from "@/components/MemberManager";
import { ProgramSettingsForm } from "@/components/ProgramSettingsForm";
import { TokenManager } from "@/components/TokenManager";
import { findApiTokens } from "@/lib/server/find-api-tokens";
import { findAuditLog } from "@/lib/server/find-audit-log";
import { findMembers } from "@/lib/server/find-members";
import { findProject } from "@/lib/server/find-project";
import { orNotFound } from "@/lib/server/not-found-to-404";
import { getPageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await getPageActor();
  const here = `/projects/${slug}/settings`;
  // Only admins see this page: anyone not signed in is asked to sign in first, even on a public program.
  if (actor.kind === "anonymous") redirect(`/sign-in?returnTo=${encodeURIComponent(here)}`);
  const project = await orNotFound(findProject(actor, slug), here);
  const [members, tokens, audit] = await Promise.all([
    orNotFound(findMembers(actor, slug), here),
    orNotFound(findApiTokens(actor, slug), here),
    orNotFound(findAuditLog(actor, slug, { take: 100 }), here),
  ]);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <Link href={`/projects/${slug}`}>{project.name}</Link> /{" "}
        <span aria-current="page">Settings</span>
      </nav>
      <h1>Settings</h1>
      <section aria-labelledby="program-heading">
        <h2 id="program-heading">Program</h2>
        <ProgramSettingsForm
          initial={{
            slug: project.slug,
            name: project.name,
            description: project.description,
            visibility: project.public ? "public" : "private",
            environments: project.environments,
          }}
        />
      </section>
      <MemberManager slug={slug} members={members} />
      <TokenManager
        slug={slug}
        tokens={tokens.map((t) => ({
          ...t,
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          revokedAt: t.revokedAt?.toISOString() ?? null,
        }))}
      />
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        <DataTable
          caption="Latest 100 changes, newest first"
          hideCaption
          columns={["When", "Who", "What", "Target", "Before → after"]}
        >
          {audit.map((entry) => (
            <tr key={entry.id}>
              <td>{entry.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td>{entry.actorLabel}</td>
              <td>{entry.action}</td>
              <td>{entry.target}</td>
              <td>
                <code>{JSON.stringify(entry.before ?? null)}</code> →{" "}
                <code>{JSON.stringify(entry.after ?? null)}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
      <DeleteProject slug={slug} />
    </>
  );
}
