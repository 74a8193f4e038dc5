import { projectFor } from "./page-data";

/** Checks that the visitor may read the program before loading.tsx streams (a real 404 / sign-in redirect). */
export default async function ProjectLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  await projectFor((await params).slug);
  return children;
}
