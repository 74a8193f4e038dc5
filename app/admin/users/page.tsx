import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { UserAdmin } from "@/components/UserAdmin";
import { findUsers } from "@/lib/server/find-users";
import { getPageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Users" };

/** Instance admins create accounts and see everyone's program roles; for anyone else the page does not exist. */
export default async function UsersPage() {
  const actor = await getPageActor();
  if (actor.kind === "anonymous") redirect(`/sign-in?returnTo=${encodeURIComponent("/admin/users")}`);
  if (actor.kind !== "user" || !actor.instanceAdmin) notFound();
  const users = await findUsers(actor);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Programs</Link> / <span aria-current="page">Users</span>
      </nav>
      <h1>Users</h1>
      <p className="muted">
        There is no self sign-up: create each account here with an initial password and give it to its owner
        through a channel you trust. Then add the account to a program in that program's Settings (members and
        roles). Disabling an account signs it out, refuses its sign-in and stops the API tokens it created;
        resetting a password signs the account out everywhere.
      </p>
      <UserAdmin users={users} selfId={actor.userId} />
    </>
  );
}
