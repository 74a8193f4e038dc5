/**
 * Kubernetes CEL IP and CIDR libraries (library/ip.go, library/cidr.go), parsing as Go's netip does:
 * dotted-quad IPv4 without leading zeros, IPv6 with optional :: and dotted tail; zones and
 * IPv4-mapped IPv6 addresses are rejected, as Kubernetes rejects them.
 */
import { type CelFunc, CelScalar, type CelValue, celFunc, celMethod } from "@bufbuild/cel";
import { opaque, unwrap } from "./opaque.ts";

export interface Ip {
  family: 4 | 6;
  value: bigint;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function parseV6(s: string): bigint | undefined {
  if (s.includes("%")) return undefined;
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === "") return [];
    const out: number[] = [];
    const parts = h.split(":");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes(".")) {
        const v4 = parseV4(p);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(Number.parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let v = 0n;
  for (const g of [...head, ...new Array(missing).fill(0), ...tail]) v = (v << 16n) | BigInt(g);
  return v;
}

export function parseIp(s: string): Ip | undefined {
  if (s.includes(":")) {
    const v = parseV6(s);
    // IPv4-mapped IPv6 (::ffff:a.b.c.d): Kubernetes refuses these as ambiguous.
    if (v === undefined || v >> 32n === 0xffffn) return undefined;
    return { family: 6, value: v };
  }
  const v = parseV4(s);
  return v === undefined ? undefined : { family: 4, value: v };
}

/** Go's netip String(): dotted quad, or RFC 5952 (lowercase, longest zero run as ::). */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((sh) => String((ip.value >> sh) & 0xffn)).join(".");
  const g = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt((7 - i) * 16)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(":");
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

const bits = (ip: Ip) => (ip.family === 4 ? 32n : 128n);

function parseCidr(s: string): { ip: Ip; prefix: number } | undefined {
  const i = s.indexOf("/");
  if (i < 0) return undefined;
  const ip = parseIp(s.slice(0, i));
  const p = s.slice(i + 1);
  if (!ip || !/^(0|[1-9]\d*)$/.test(p) || BigInt(p) > bits(ip)) return undefined;
  return { ip, prefix: Number(p) };
}

function mask(ip: Ip, prefix: number): Ip {
  const host = bits(ip) - BigInt(prefix);
  return { family: ip.family, value: (ip.value >> host) << host };
}

function ipOf(v: CelValue | string, fn: string): Ip {
  const s = typeof v === "string" ? v : unwrap("ip", v, fn);
  const ip = parseIp(s);
  if (!ip) throw new Error(`IP Address ${JSON.stringify(s)} parse error during conversion from string`);
  return ip;
}

function cidrOf(v: CelValue | string, fn: string) {
  const s = typeof v === "string" ? v : unwrap("cidr", v, fn);
  const c = parseCidr(s);
  if (!c) throw new Error(`network address ${JSON.stringify(s)} parse error during conversion from string`);
  return c;
}

const ipValue = (ip: Ip) => opaque("ip", formatIp(ip));
const IPT = CelScalar.DYN;

function inRange(ip: Ip, lo: string, prefix: number): boolean {
  const base = parseIp(lo) as Ip;
  return ip.family === base.family && mask(ip, prefix).value === base.value;
}

function contains(c: { ip: Ip; prefix: number }, ip: Ip, prefix: number): boolean {
  return (
    ip.family === c.ip.family && prefix >= c.prefix && mask(ip, c.prefix).value === mask(c.ip, c.prefix).value
  );
}

const ipMethod = (name: string, test: (ip: Ip) => boolean) =>
  celMethod(name, IPT, [], CelScalar.BOOL, function () {
    return test(ipOf(this, name));
  });

export const ipFuncs: CelFunc[] = [
  celFunc("ip", [CelScalar.STRING], IPT, (s) => ipValue(ipOf(s, "ip"))),
  celFunc("isIP", [CelScalar.STRING], CelScalar.BOOL, (s) => parseIp(s) !== undefined),
  celFunc(
    "ip.isCanonical",
    [CelScalar.STRING],
    CelScalar.BOOL,
    (s) => formatIp(ipOf(s, "ip.isCanonical")) === s,
  ),
  celMethod("family", IPT, [], CelScalar.INT, function () {
    return BigInt(ipOf(this, "family").family);
  }),
  ipMethod("isUnspecified", (ip) => ip.value === 0n),
  ipMethod("isLoopback", (ip) => (ip.family === 4 ? inRange(ip, "127.0.0.0", 8) : ip.value === 1n)),
  ipMethod("isLinkLocalMulticast", (ip) =>
    ip.family === 4
      ? inRange(ip, "224.0.0.0", 24)
      : ip.value >> 112n === 0xff02n || ((ip.value >> 112n) & 0xff0fn) === 0xff02n,
  ),
  ipMethod("isLinkLocalUnicast", (ip) =>
    ip.family === 4 ? inRange(ip, "169.254.0.0", 16) : inRange(ip, "fe80::", 10),
  ),
  // Go's IsGlobalUnicast: not unspecified, loopback, link-local, multicast nor IPv4 broadcast.
  ipMethod(
    "isGlobalUnicast",
    (ip) =>
      ip.value !== 0n &&
      !(ip.family === 4 ? inRange(ip, "127.0.0.0", 8) : ip.value === 1n) &&
      !(ip.family === 4 ? inRange(ip, "169.254.0.0", 16) : inRange(ip, "fe80::", 10)) &&
      !(ip.family === 4 ? inRange(ip, "224.0.0.0", 4) : inRange(ip, "ff00::", 8)) &&
      !(ip.family === 4 && ip.value === 0xffffffffn),
  ),
  celFunc("cidr", [CelScalar.STRING], IPT, (s) => {
    const c = cidrOf(s, "cidr");
    return opaque("cidr", `${formatIp(c.ip)}/${c.prefix}`);
  }),
  celFunc("isCIDR", [CelScalar.STRING], CelScalar.BOOL, (s) => parseCidr(s) !== undefined),
  celMethod("containsIP", IPT, [IPT], CelScalar.BOOL, function (x) {
    const ip = ipOf(x as never, "containsIP");
    return contains(cidrOf(this, "containsIP"), ip, Number(bits(ip)));
  }),
  celMethod("containsCIDR", IPT, [IPT], CelScalar.BOOL, function (x) {
    const other = cidrOf(x as never, "containsCIDR");
    return contains(cidrOf(this, "containsCIDR"), other.ip, other.prefix);
  }),
  celMethod("ip", IPT, [], IPT, function () {
    return ipValue(cidrOf(this, "ip").ip);
  }),
  celMethod("masked", IPT, [], IPT, function () {
    const c = cidrOf(this, "masked");
    return opaque("cidr", `${formatIp(mask(c.ip, c.prefix))}/${c.prefix}`);
  }),
  celMethod("prefixLength", IPT, [], CelScalar.INT, function () {
    return BigInt(cidrOf(this, "prefixLength").prefix);
  }),
];
