import { describe, expect, it } from "vitest";
import { cachePromises } from "./cache-promises";

describe("cachePromises", () => {
  it("loads a key once (concurrent callers share the load), forgets failures, keeps the most recent keys", async () => {
    const cache = cachePromises<string>(2);
    const loads: string[] = [];
    const load = (key: string) => () => {
      loads.push(key);
      return Promise.resolve(`value of ${key}`);
    };
    const [a1, a2] = await Promise.all([cache("a", load("a")), cache("a", load("a"))]);
    expect([a1, a2]).toEqual(["value of a", "value of a"]);
    expect(loads).toEqual(["a"]);

    await expect(cache("b", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache("b", load("b"))).toBe("value of b");
    expect(loads).toEqual(["a", "b"]);

    await cache("a", load("a")); // a is now the most recently used: c pushes b out
    await cache("c", load("c"));
    await cache("a", load("a"));
    await cache("b", load("b"));
    expect(loads).toEqual(["a", "b", "c", "b"]);
  });
});
