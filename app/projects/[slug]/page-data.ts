import "server-only";
import { cache } from "react";
import { findComponent } from "@/lib/server/find-components";
import { findProject } from "@/lib/server/find-project";
import { findScan } from "@/lib/server/find-scan";
import { orNotFound } from "@/lib/server/not-found-to-404";
import { getPageActor } from "@/lib/server/page-actor";

/**
 * Per-request memoised reads shared by the segment's layouts and pages. The layouts check access before any
 * loading.tsx boundary starts streaming, so a program, component or scan the visitor may not see answers a
 * real 404 (or the sign-in redirect) instead of a 200 with the not-found page streamed into it. Ids that come
 * from the query string (the diff's from/to) are checked by their page, which therefore has no loading
 * boundary above it.
 */
export const pageActor = cache(getPageActor);

export const projectFor = cache(async (slug: string) =>
  orNotFound(findProject(await pageActor(), slug), `/projects/${slug}`),
);

export const componentFor = cache(async (slug: string, componentId: string) =>
  orNotFound(
    findComponent(await pageActor(), slug, componentId),
    `/projects/${slug}/components/${componentId}`,
  ),
);

export const scanFor = cache(async (slug: string, scanId: string) =>
  orNotFound(findScan(await pageActor(), slug, scanId), `/projects/${slug}/scans/${scanId}`),
);
