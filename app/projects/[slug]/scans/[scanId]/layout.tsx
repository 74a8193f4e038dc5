import { scanFor } from "../../page-data";

/** Checks that the scan belongs to this program before the page streams (a real 404). */
export default async function ScanLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string; scanId: string }>;
}) {
  const { slug, scanId } = await params;
  await scanFor(slug, scanId);
  return children;
}
