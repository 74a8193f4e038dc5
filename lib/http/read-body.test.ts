import { afterEach, describe, expect, it, vi } from "vitest";
import { maxBodyBytes, readJsonBody } from "./read-body";

const MB = 1024 * 1024;
const post = (body: BodyInit) => new Request("http://rampart.test/x", { method: "POST", body });

describe("maxBodyBytes", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is 25 MB unless RAMPART_MAX_BODY_BYTES says otherwise", () => {
    vi.stubEnv("RAMPART_MAX_BODY_BYTES", "");
    vi.stubEnv("RAMPART_PROXY_BODY_BYTES", "");
    expect(maxBodyBytes()).toBe(25 * MB);
    vi.stubEnv("RAMPART_MAX_BODY_BYTES", String(5 * MB));
    expect(maxBodyBytes()).toBe(5 * MB);
  });

  it("never exceeds what the proxy's body buffer (sized at build time) lets through whole", () => {
    vi.stubEnv("RAMPART_PROXY_BODY_BYTES", String(26 * MB));
    vi.stubEnv("RAMPART_MAX_BODY_BYTES", String(100 * MB));
    expect(maxBodyBytes()).toBe(25 * MB);
    vi.stubEnv("RAMPART_MAX_BODY_BYTES", String(MB));
    expect(maxBodyBytes()).toBe(MB);
  });
});

describe("readJsonBody", () => {
  it("refuses invalid UTF-8 (400) instead of reading U+FFFD", async () => {
    await expect(
      readJsonBody(post(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]))),
    ).rejects.toMatchObject({
      status: 400,
      field: "body",
    });
  });

  it("refuses NUL and lone surrogates anywhere, naming the field (422)", async () => {
    await expect(readJsonBody(post('{"a":{"b":["ok","x\\u0000"]}}'))).rejects.toMatchObject({
      status: 422,
      field: "a.b[1]",
    });
    await expect(readJsonBody(post('{"k\\ud800":1}'))).rejects.toMatchObject({ status: 422 });
  });

  it("answers 413 naming the limit", async () => {
    await expect(readJsonBody(post(`"${"x".repeat(100)}"`), 10)).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining("10 bytes"),
    });
  });
});
