/** Where a browser goes when a returnTo cannot be trusted. */
const HOME = "/";
/** A stand-in origin: only whether a value stays on it matters, whichever host serves the site. */
const SITE = "https://rampart.invalid";
/**
 * Browsers strip tabs and newlines from URLs and read a backslash as a slash, so `/\t/evil.example` and
 * `/\evil.example` both become the protocol-relative `//evil.example`. Whitespace and controls are never part of
 * a path this site makes.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here.
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u2060\u3000\ufeff\\]/;

/** Percent-decodes a few times over (double-encoded input), or null when the value does not decode. */
function decodings(value: string): string[] | null {
  const seen = [value];
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(seen[seen.length - 1]);
      if (next === seen[seen.length - 1]) break;
      seen.push(next);
    } catch {
      return null;
    }
  }
  return seen;
}

/** Whether `path` stays a path on the site once the browser resolves it (dot segments can collapse to `//host`). */
function staysOnSite(path: string): boolean {
  if (UNSAFE.test(path) || path.startsWith("//")) return false;
  try {
    const url = new URL(path, SITE);
    return url.origin === SITE && !url.pathname.startsWith("//");
  } catch {
    return false;
  }
}

/**
 * The path to follow after sign-in (or setup): `value` when it is a path on this site after the browser's own
 * normalisation, else `/`. Refused: absolute and protocol-relative URLs (`https:`, `javascript:`, `//host`,
 * `/\host`, `/.//host`), backslashes, controls and whitespace, also once percent-decoded (`/%5C…`, `/%09/…`,
 * `/%2F%2F…`). Returns the normalised path, so what is checked is what is followed.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || !staysOnSite(value)) return HOME;
  // Only the path can name another host; a query may hold any encoded text.
  const forms = decodings(value.split(/[?#]/, 1)[0]);
  if (!forms?.every(staysOnSite)) return HOME;
  const url = new URL(value, SITE);
  return `${url.pathname}${url.search}${url.hash}`;
}
