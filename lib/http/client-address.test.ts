import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, parseTrustedProxies } from "./client-address";

const headers = (peer: string | null, forwardedFor?: string) => {
  const h = new Headers();
  if (peer !== null) h.set(PEER_ADDRESS_HEADER, peer);
  if (forwardedFor !== undefined) h.set("x-forwarded-for", forwardedFor);
  return h;
};
const env = (proxies?: string) => ({ RAMPART_TRUSTED_PROXIES: proxies });

describe("clientAddress (whom a rate limit counts)", () => {
  it("is the TCP peer, whatever X-Forwarded-For claims, when no proxy is trusted", () => {
    expect(clientAddress(headers("198.51.100.7", "203.0.113.1"), env())).toBe("198.51.100.7");
    expect(clientAddress(headers("::ffff:198.51.100.7", "203.0.113.1"), env())).toBe("198.51.100.7");
  });

  it("is the peer when the peer is not one of RAMPART_TRUSTED_PROXIES", () => {
    expect(clientAddress(headers("198.51.100.7", "203.0.113.1"), env("10.0.0.0/8"))).toBe("198.51.100.7");
  });

  it("behind trusted proxies, is the right-most X-Forwarded-For address that is not a trusted proxy", () => {
    const trusted = env("10.0.0.0/8 192.0.2.10,2001:db8:ffff::/48");
    expect(clientAddress(headers("10.0.0.1", "6.6.6.6, 203.0.113.5, 192.0.2.10"), trusted)).toBe(
      "203.0.113.5",
    );
    expect(clientAddress(headers("2001:db8:ffff::1", "203.0.113.5"), trusted)).toBe("203.0.113.5");
    // Only proxies in the chain: the left-most is the best there is.
    expect(clientAddress(headers("10.0.0.1", "10.0.0.2, 10.0.0.3"), trusted)).toBe("10.0.0.2");
    // A trusted proxy that forwarded nothing: the proxy itself.
    expect(clientAddress(headers("10.0.0.1"), trusted)).toBe("10.0.0.1");
  });

  it("counts an IPv6 client by its /64 (one client owns all of it)", () => {
    expect(clientAddress(headers("2001:db8:1:2:aaaa::1"), env())).toBe("2001:db8:1:2::/64");
    expect(clientAddress(headers("2001:db8:1:2:bbbb:cccc:dddd:eeee"), env())).toBe("2001:db8:1:2::/64");
    expect(clientAddress(headers("::1"), env())).toBe("0:0:0:0::/64");
  });

  it('is "unknown" without a peer (never the claimed X-Forwarded-For)', () => {
    expect(clientAddress(headers(null, "203.0.113.1"), env("0.0.0.0/0"))).toBe("unknown");
    expect(clientAddress(headers("not-an-address", "203.0.113.1"), env())).toBe("unknown");
  });
});

describe("RAMPART_TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR ranges of both families, separated by commas or spaces", () => {
    const list = parseTrustedProxies(" 10.0.0.0/8, 192.0.2.1  ::1 2001:db8::/32 ");
    expect(list.check("10.200.0.1", "ipv4")).toBe(true);
    expect(list.check("192.0.2.1", "ipv4")).toBe(true);
    expect(list.check("192.0.2.2", "ipv4")).toBe(false);
    expect(list.check("2001:db8:5::1", "ipv6")).toBe(true);
  });

  it.each(["10.0.0.0/33", "localhost", "10.0.0.1/8/2", "2001:db8::/129", "10.0.0.0/x"])(
    "refuses %j naming the variable and the entry",
    (entry) => {
      expect(() => parseTrustedProxies(`10.0.0.1, ${entry}`)).toThrow(
        `RAMPART_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`,
      );
    },
  );
});
