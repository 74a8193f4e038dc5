import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { idSchema } from "@/lib/program";
import { ID_PATTERN, SLUG_PATTERN } from "./html-patterns";
import { slugSchema } from "./ingest";

/** What a browser does with a `pattern` attribute (HTML spec: `^(?:` + pattern + `)$`, flag v). */
const asBrowser = (pattern: string) => new RegExp(`^(?:${pattern})$`, "v");

const SAMPLES = [
  "production",
  "dev-minikube",
  "a",
  "a1-b2-c3",
  "a--b",
  "-a",
  "a-",
  "Prod",
  "pro d",
  "",
  "é",
  "a_b",
];

describe("HTML pattern attributes", () => {
  it.each([
    ["ID_PATTERN", ID_PATTERN, idSchema],
    ["SLUG_PATTERN", SLUG_PATTERN, slugSchema],
  ] as const)("%s compiles with the v flag and accepts what the server accepts", (_name, pattern, schema) => {
    const regex = asBrowser(pattern);
    for (const sample of SAMPLES) {
      expect(regex.test(sample), sample).toBe(schema.safeParse(sample).success);
    }
  });

  it("the v flag rejects the unescaped class dash that the upload page used to have", () => {
    expect(() => asBrowser("[a-z0-9]([a-z0-9-]*[a-z0-9])?")).toThrow(SyntaxError);
  });

  it("no page or component writes a pattern attribute by hand", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".tsx") ? [join(dir, e.name)] : [],
      );
    const literal = [...files("app"), ...files("components")].filter((file) =>
      /\bpattern="/.test(readFileSync(file, "utf8")),
    );
    expect(literal).toEqual([]);
  });
});
