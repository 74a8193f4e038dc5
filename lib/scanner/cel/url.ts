/**
 * Kubernetes CEL URL library (library/urls.go). Parsing follows Go's url.ParseRequestURI: an
 * absolute URI or an absolute path; the host keeps its port as written (no default-port folding).
 */
import { type CelFunc, CelScalar, celFunc, celMethod, listType, mapType } from "@bufbuild/cel";
import { opaque, unwrap } from "./opaque.ts";

interface ParsedUrl {
  scheme: string;
  host: string;
  path: string;
  query: string;
}

const URL_TYPE = CelScalar.DYN;
const URL_RE = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;

export function parseUrl(s: string): ParsedUrl {
  const m = URL_RE.exec(s);
  const bad = (why: string) =>
    new Error(`URL parse error during conversion from string: ${JSON.stringify(s)}: ${why}`);
  if (!m || s.length === 0) throw bad("invalid URI for request");
  const [, scheme = "", host = "", path, query = ""] = m;
  if (!scheme && !path.startsWith("/")) throw bad("invalid URI for request");
  if (scheme && m[2] === undefined && !path.startsWith("/")) throw bad("invalid URI for request");
  // \s covers spaces and tabs; Go also refuses control characters, which \p{Cc} matches.
  if (/[\s\p{Cc}]/u.test(host)) throw bad("invalid character in host name");
  const port = host.startsWith("[")
    ? host.slice(host.indexOf("]") + 1)
    : host.slice(host.indexOf(":") >= 0 ? host.indexOf(":") : host.length);
  if (host.startsWith("[") && !host.includes("]")) throw bad("missing ']' in host");
  if (port && !/^:\d*$/.test(port)) throw bad(`invalid port ${JSON.stringify(port)} after host`);
  return { scheme, host, path, query };
}

function hostname(host: string): string {
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
  const i = host.indexOf(":");
  return i >= 0 ? host.slice(0, i) : host;
}

function port(host: string): string {
  const rest = host.startsWith("[") ? host.slice(host.indexOf("]") + 1) : host.slice(hostname(host).length);
  return rest.startsWith(":") ? rest.slice(1) : "";
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

function query(q: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of q.split(/&/)) {
    if (!part) continue;
    const i = part.indexOf("=");
    const k = decode(i >= 0 ? part.slice(0, i) : part);
    const v = decode(i >= 0 ? part.slice(i + 1) : "");
    out.set(k, [...(out.get(k) ?? []), v]);
  }
  return out;
}

const cache = new Map<string, ParsedUrl>();
function get(v: unknown, fn: string): ParsedUrl {
  const s = unwrap("url", v as never, fn);
  let p = cache.get(s);
  if (!p) {
    p = parseUrl(s);
    if (cache.size > 10_000) cache.clear();
    cache.set(s, p);
  }
  return p;
}

export const urlFuncs: CelFunc[] = [
  celFunc("url", [CelScalar.STRING], URL_TYPE, (s) => {
    parseUrl(s);
    return opaque("url", s);
  }),
  celFunc("isURL", [CelScalar.STRING], CelScalar.BOOL, (s) => {
    try {
      parseUrl(s);
      return true;
    } catch {
      return false;
    }
  }),
  celMethod("getScheme", URL_TYPE, [], CelScalar.STRING, function () {
    return get(this, "getScheme").scheme;
  }),
  celMethod("getHost", URL_TYPE, [], CelScalar.STRING, function () {
    return get(this, "getHost").host;
  }),
  celMethod("getHostname", URL_TYPE, [], CelScalar.STRING, function () {
    return hostname(get(this, "getHostname").host);
  }),
  celMethod("getPort", URL_TYPE, [], CelScalar.STRING, function () {
    return port(get(this, "getPort").host);
  }),
  celMethod("getEscapedPath", URL_TYPE, [], CelScalar.STRING, function () {
    return get(this, "getEscapedPath").path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (c) =>
      encodeURIComponent(c),
    );
  }),
  celMethod("getQuery", URL_TYPE, [], mapType(CelScalar.STRING, listType(CelScalar.STRING)), function () {
    return query(get(this, "getQuery").query) as never;
  }),
];
