import { once } from "node:events";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

describe("scripts/peer-address.cjs (preloaded by npm start)", () => {
  it("stamps the real TCP peer on each request, overwriting a forged header of the same name", async () => {
    const { PEER_ADDRESS_HEADER } = require("./peer-address.cjs") as { PEER_ADDRESS_HEADER: string };
    const http = require("node:http") as typeof import("node:http");
    const seen: Record<string, string | string[] | undefined>[] = [];
    const server = http.createServer((request, response) => {
      seen.push({ ...request.headers });
      response.end("ok");
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_ADDRESS_HEADER]: "203.0.113.66", "x-forwarded-for": "203.0.113.77" },
      });
    } finally {
      server.close();
    }
    expect(seen[0][PEER_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(seen[0]["x-forwarded-for"]).toBe("203.0.113.77");
  });
});
