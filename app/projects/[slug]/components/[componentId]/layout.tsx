import { componentFor } from "../../page-data";

/** Checks that the component exists in this program before the page streams (a real 404). */
export default async function ComponentLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string; componentId: string }>;
}) {
  const { slug, componentId } = await params;
  await componentFor(slug, componentId);
  return children;
}
