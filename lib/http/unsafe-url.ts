import { unsafeTextReason } from "@/lib/validations/safe-text";

/**
 * What in a URL no handler or page may receive: a path segment or query parameter that decodes to NUL, or whose
 * percent-encoding is not UTF-8 (a lone surrogate's `%ED%A0%80`). Answered 400 by proxy.ts before any page or
 * route runs, so pages (which take slugs and ids from the path as route handlers do) cannot fail on them in a
 * query. Returns the offending part (`path`, or the parameter's name) and why, or null.
 */
export function unsafeUrlPart(url: URL): { field: string; error: string } | null {
  for (const segment of url.pathname.split("/")) {
    const problem = decodedProblem(segment);
    if (problem) return { field: "path", error: `the path ${problem}` };
  }
  for (const pair of url.search.replace(/^\?/, "").split("&")) {
    if (!pair) continue;
    const [rawName, ...rest] = pair.split("=");
    const name = safeDecode(rawName.replace(/\+/g, " ")) ?? rawName;
    const problem = decodedProblem(rawName) ?? decodedProblem(rest.join("="));
    if (problem) return { field: name, error: `the query parameter ${JSON.stringify(name)} ${problem}` };
  }
  return null;
}

function safeDecode(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function decodedProblem(raw: string): string | null {
  const decoded = safeDecode(raw.replace(/\+/g, " "));
  if (decoded === null) return "is not valid percent-encoded UTF-8";
  return unsafeTextReason(decoded);
}
