/** `rampart report` argument handling; downloads from a real server are covered by e2e/report.spec.ts. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { reportUrl } from "./commands/report.ts";
import { main } from "./main.ts";

async function run(argv: string[]) {
  const out = { stdout: "", stderr: "" };
  const sink = (key: "stdout" | "stderr") => {
    const s = new PassThrough();
    s.on("data", (c) => {
      out[key] += c.toString();
    });
    return s;
  };
  const code = await main(["report", ...argv], {
    stdout: sink("stdout"),
    stderr: sink("stderr"),
    stdin: new PassThrough(),
    env: {} as NodeJS.ProcessEnv,
    cwd: process.cwd(),
  });
  return { code, ...out };
}

describe("rampart report", () => {
  it("builds the API URL from the flags", () => {
    expect(
      reportUrl({
        server: "http://h:3000",
        project: "maestro",
        format: "csv",
        period: "week-1",
        table: "metrics",
      }),
    ).toBe("http://h:3000/api/v1/projects/maestro/reports?format=csv&period=week-1&table=metrics");
  });

  it("refuses bad arguments with exit code 2, naming the flag", async () => {
    expect(await run(["--project", "maestro"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--server"),
    });
    const bad = await run(["--server", "http://127.0.0.1:9", "--project", "maestro", "--format", "docx"]);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining("--format must be one of") });
    const both = await run(["--server", "http://127.0.0.1:9", "--project", "maestro", "--from", "a"]);
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining("--from and --to") });
  });

  it("says when to retry a throttled export (429 or 503 with Retry-After), exit code 2", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "42" });
      res.end(JSON.stringify({ error: "too many requests: retry in 42 s" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const r = await run([
        "--server",
        `http://127.0.0.1:${port}`,
        "--project",
        "maestro",
        "--format",
        "pdf",
      ]);
      expect(r).toMatchObject({ code: 2, stdout: "" });
      expect(r.stderr).toBe(
        "rampart report: the server refused: HTTP 429: too many requests: retry in 42 s (retry after 42 s)\n",
      );
    } finally {
      server.close();
    }
  });

  it("exits 3 when the server cannot be reached", async () => {
    const r = await run(["--server", "http://127.0.0.1:9", "--project", "maestro"]);
    expect(r).toMatchObject({ code: 3, stderr: expect.stringContaining("cannot reach") });
  });
});
