import Link from "next/link";
import { getPageActor } from "@/lib/server/page-actor";
import { SignOutButton } from "./SignOutButton";

export async function UserMenu() {
  const actor = await getPageActor();
  if (actor.kind !== "user") {
    return (
      <Link href="/sign-in" className="header-link">
        Sign in
      </Link>
    );
  }
  return (
    <span className="user-menu">
      {actor.instanceAdmin ? (
        <Link href="/admin/users" className="header-link">
          Users
        </Link>
      ) : null}
      <span>{actor.label}</span>
      <Link href="/account/password" className="header-link">
        Change password
      </Link>
      <SignOutButton />
    </span>
  );
}
