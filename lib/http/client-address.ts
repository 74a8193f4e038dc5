import { BlockList, isIPv4, isIPv6 } from "node:net";

/**
 * The TCP peer's address, stamped on every request by `npm start` (scripts/peer-address.cjs), overwriting any
 * value a client sent. Next's own `x-forwarded-for` cannot tell the peer from what a client claims.
 */
export const PEER_ADDRESS_HEADER = "x-rampart-peer-address";

/** `::ffff:192.0.2.1` (IPv4 on an IPv6 socket) is 192.0.2.1. */
function canonical(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address.toLowerCase();
}

/**
 * RAMPART_TRUSTED_PROXIES: comma- or space-separated addresses and CIDR ranges of the reverse proxies in front
 * of the server. A malformed entry is an operator's mistake that would silently trust nobody (or everybody),
 * so it throws, naming the variable and the entry.
 */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, prefix, ...rest] = entry.split("/");
    const type = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : null;
    const bits = prefix === undefined ? (type === "ipv4" ? 32 : 128) : Number(prefix);
    if (
      !type ||
      rest.length > 0 ||
      !Number.isInteger(bits) ||
      bits < 0 ||
      bits > (type === "ipv4" ? 32 : 128)
    ) {
      throw new Error(`RAMPART_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    list.addSubnet(canonical(address), bits, type);
  }
  return list;
}

function isTrusted(proxies: BlockList, address: string): boolean {
  if (isIPv4(address)) return proxies.check(address, "ipv4");
  return isIPv6(address) && proxies.check(address, "ipv6");
}

/** An IPv6 client owns a whole /64, so it counts as one: its first four groups. */
function rateUnit(address: string): string {
  if (!isIPv6(address)) return address;
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * The client a request comes from, for rate limits. X-Forwarded-For is honoured only when the direct peer is
 * one of RAMPART_TRUSTED_PROXIES, and then its right-most address that is not a trusted proxy is the client
 * (addresses to its left were written by the client itself). Without a known peer (a server started some other
 * way than `npm start`) every client counts as one, "unknown": forwarding headers are never trusted blindly.
 */
export function clientAddress(
  headers: Headers,
  env: Record<string, string | undefined> = process.env,
): string {
  const peer = canonical(headers.get(PEER_ADDRESS_HEADER)?.trim() ?? "");
  if (!isIPv4(peer) && !isIPv6(peer)) return "unknown";
  const proxies = parseTrustedProxies(env.RAMPART_TRUSTED_PROXIES);
  if (!isTrusted(proxies, peer)) return rateUnit(peer);
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => canonical(hop.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(proxies, hops[i])) return rateUnit(hops[i].slice(0, 64));
  }
  return rateUnit(hops[0] ?? peer);
}
