import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { corpusDir, hasCorpus, skipCorpusSuite } from "../../test/corpus.ts";
import { parseText, parseWithYaml, YAML_PARSE_OPTIONS } from "./parse.ts";
import {
  NON_STRING_FIRST_CHARS,
  parseFast,
  resolveWithYamlTags,
  resolveYaml11Plain,
  surelyString,
} from "./parse-fast.ts";

// Without the shared corpus (a clone of the public repo alone) these suites are skipped with one line.
const describeCorpus = hasCorpus ? describe : skipCorpusSuite;

const stripBom = (t: string) => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);

/** parseText must give exactly what the `yaml` reference path gives; returns whether it took the fast path. */
function expectSameAsYaml(text: string): boolean {
  const src = stripBom(text);
  expect(parseText(text)).toStrictEqual(parseWithYaml(src));
  return parseFast(src) !== null;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

describeCorpus("fast YAML path (js-yaml events + YAML 1.1 resolvers) agrees with the yaml path", () => {
  const files = yamlFiles(corpusDir());

  it("on every YAML file of the corpus, and most files take the fast path", () => {
    expect(files.length).toBeGreaterThan(800);
    const slow: string[] = [];
    for (const f of files) {
      if (!expectSameAsYaml(readFileSync(f, "utf8"))) slow.push(relative(corpusDir(), f));
    }
    // Only unrendered templates and files with anchors/tags/`...` may leave the fast path.
    expect(slow.length).toBeLessThan(files.length * 0.02);
  });

  it("on mutated corpus files whenever the fast path answers (deterministic fuzz)", () => {
    const SNIPPETS = [
      "\t",
      " ",
      "  ",
      "-",
      ": ",
      ":",
      "#",
      "'",
      '"',
      "{",
      "}",
      "[",
      "]",
      ",",
      "?",
      "|",
      ">",
      "\n",
      "---\n",
      "...",
      "&a ",
      "*a",
      "!x ",
      "%",
      "@",
      "`",
      "yes",
      "0644",
      "~",
      "<<: ",
      "\\",
      "- ",
      "\r\n",
      "\u00a0",
      "\u0085",
      "\ufeff",
      "\u2028",
      "e5",
      ".",
      "null",
      "0x1F",
      "1_000",
      "12:30",
    ];
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
    const texts = files.map((f) => readFileSync(f, "utf8"));
    let fast = 0;
    for (let i = 0; i < 1500; i++) {
      let t = pick(texts);
      for (let j = 0, k = 1 + Math.floor(rnd() * 3); j < k; j++) {
        const pos = Math.floor(rnd() * t.length);
        const op = rnd();
        if (op < 0.4) t = t.slice(0, pos) + pick(SNIPPETS) + t.slice(pos);
        else if (op < 0.7) t = t.slice(0, pos) + t.slice(pos + 1 + Math.floor(rnd() * 3));
        else {
          const ls = t.split("\n");
          ls.splice(Math.floor(rnd() * ls.length), 0, pick(ls));
          t = ls.join("\n");
        }
      }
      if (expectSameAsYaml(t)) fast++;
    }
    expect(fast).toBeGreaterThan(300); // the fast path is exercised, not just the fallback
  });

  it("on generated documents in block, flow and quoted styles (property test)", () => {
    const key = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("yes", "on", "n", "0644", "1", "1.0", "~", "null", "true", "__proto__", "a b", "- x"),
    );
    const scalar = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        "yes",
        "No",
        "ON",
        "0644",
        "0x1F",
        "1_000",
        "190:20:30",
        ".inf",
        "e5",
        "2001-12-14",
        "-",
        "---",
        "a\nb",
        " x ",
        "#c",
        "'",
        '"',
      ),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        scalar,
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(key, tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    const style = fc.constantFrom("block", "flow", "double", "literal", "js-yaml");
    fc.assert(
      fc.property(fc.array(fc.tuple(value, style), { minLength: 1, maxLength: 3 }), (docs) => {
        const text = docs
          .map(([v, s]) =>
            s === "js-yaml"
              ? dump(v)
              : stringify(v, {
                  version: "1.1",
                  collectionStyle: s === "flow" ? "flow" : "any",
                  defaultStringType:
                    s === "double" ? "QUOTE_DOUBLE" : s === "literal" ? "BLOCK_LITERAL" : "PLAIN",
                }),
          )
          .join("---\n");
        expectSameAsYaml(text);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  const CASES: { name: string; text: string; fast: boolean }[] = [
    { name: "plain manifest", text: "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", fast: true },
    { name: "anchors and aliases", text: "x: &x {a: 1}\ny: *x\n", fast: false },
    { name: "anchor without alias", text: "x: &x {a: 1}\n", fast: false },
    { name: "merge key", text: "a:\n  <<: {b: 1}\n  c: 2\n", fast: false },
    { name: "explicit tags", text: "a: !!str 0644\nb: !Ref x\n", fast: false },
    { name: "directive", text: "%YAML 1.1\n---\na: yes\n", fast: false },
    { name: "duplicate keys", text: "a: 1\nb: 2\na: 3\n", fast: false },
    { name: "duplicate keys of different spelling (yes/true)", text: "yes: 1\ntrue: 2\n", fast: false },
    { name: "null key", text: "~: 1\n", fast: false },
    {
      name: "YAML 1.1 scalars",
      text: 'a: yes\nb: On\nc: NO\nd: y\ne: off\nf: 0644\ng: 0x1F\nh: 1_000\ni: 190:20:30\nj: -.inf\nk: e5\nl: 2001-12-14\nm: "yes"\nnl: ~\no: 1.50\np: 0b101\nq: 012_3\nr: .\ns: 1:20.5\n',
      fast: true,
    },
    { name: "keys that resolve to non-strings", text: "1: a\nyes: b\n0x10: c\n1.5: d\n", fast: true },
    { name: "__proto__ key", text: "__proto__: {polluted: true}\nconstructor: x\n", fast: true },
    { name: "--- inside block scalars", text: "a: |\n  x\n  ---\n  y\nb: >\n  ---\n---\nc: 1\n", fast: true },
    { name: "... document end markers", text: "a: 1\n...\n---\nb: 2\n...\n", fast: false },
    { name: "lone ...", text: "...\n", fast: false },
    { name: "... twice", text: "a: 1\n...\n...\n", fast: false },
    { name: "BOM", text: "\ufeffapiVersion: v1\nkind: Pod\n---\nb: 1\n", fast: true },
    { name: "CRLF", text: "# c\r\na: 1\r\n---\r\n\r\nb: [1, 2]\r\n---\r\nc: |\r\n  x\r\n", fast: true },
    { name: "empty documents", text: "---\n---\n# only a comment\na: 1\n--- \n\n---\n", fast: true },
    { name: "empty stream", text: "", fast: true },
    { name: "comments only", text: "# a\n\n# b\n", fast: true },
    { name: "leading comments and ---", text: "# header\n\n---\n# c\nkind: X\n", fast: true },
    {
      name: "root sequence and scalar",
      text: "- a\n- b\n---\nhello\n---\n'quoted'\n---\n  {a: 1}\n",
      fast: true,
    },
    { name: "root block scalar", text: "--- |\n  text\n", fast: false },
    {
      name: "multi-line plain and quoted scalars",
      text: "a: one\n  two\nb: \"x\\ty\n  z\"\nc: 'it''s'\n",
      fast: true,
    },
    { name: "unicode and escapes", text: 'a: "\\u00e9\\x41\\N"\nb: ünïcødé\n', fast: true },
    { name: "deep nesting", text: `${"[".repeat(150)}${"]".repeat(150)}\n`, fast: false },
    { name: "malformed", text: "a: [1, 2\nb: {", fast: false },
    { name: "bad indentation", text: "a:\n  b: 1\n c: 2\n", fast: false },
    { name: "tab indentation", text: "a:\n\tb: 1\n", fast: false },
    { name: "empty key with block sequence", text: "a:\n  b:\n  :  - x\n", fast: false },
  ];
  for (const c of CASES) {
    it(`edge case: ${c.name} (${c.fast ? "fast path" : "falls back to yaml"})`, () => {
      expect(expectSameAsYaml(c.text)).toBe(c.fast);
    });
  }

  it("on assorted syntax where YAML parsers tend to differ (comments, tabs, flow, complex keys, markers)", () => {
    const assorted = [
      "a: b#c\n",
      "a: b #c\n",
      "- - a\n  - b\n",
      "-\ta\n",
      "a:\tb\n",
      "a: b\t\n",
      "? a\n: b\n",
      "? [a]\n: b\n",
      "{a: 1,\n b: 2}\n",
      "a: {b: 1,\nc: 2}\n",
      "a: [1,\n2]\n",
      "a: 'x\n\n  y'\n",
      'a: "x\\\n  y"\n',
      "a: >-\n  x\n\n  y\n",
      "a: |2\n   x\n",
      "a: |-\n",
      "a:\n- b\n",
      "a:\n  - b\n  -\n",
      "key with spaces: v\n",
      '"q": 1\n',
      "a: b: c\n",
      "a: - b\n",
      "[a, b]: c\n",
      "{a: b}: c\n",
      "a: @x\n",
      "a: `x\n",
      "a: %x\n",
      "a: !\n",
      "a: x\n b\n",
      "a:\n  b\n  c: d\n",
      "a: 1\n  # c\nb: 2\n",
      'a: "\\u12"\n',
      'a: "\\q"\n',
      "a: 'x'y\n",
      'a: "x" y\n',
      "- a\nb: c\n",
      "a: b\n- c\n",
      "a:    \n  b: 1\n",
      "a: {b, c}\n",
      "a: [b: c]\n",
      "a: [? b : c]\n",
      "a: {? b}\n",
      "a: [b,]\n",
      "a: [,b]\n",
      "a: {b: c,}\n",
      "\t\na: 1\n",
      "a: 1\n\t\n",
      "a: 1 \t# c\n",
      "a: x\u00a0y\n",
      "a: 0x_1\n",
      "a: +.5\n",
      "a: 1e\n",
      "a: 1__2\n",
      "a: 08\n",
      "a: 0_8\n",
      "a: -0\n",
      "a: 2001-12-14T21:59:43.10Z\n",
      "2001-12-14: x\n",
      "a: 1_2:3_0\n",
      "x:\n  - a: 1\n    b: 2\n  - c\n",
      "a: |\n  x\n b: 1\n",
      "a: >\n\n  x\n",
      "a: |\n\tx\n",
      'a: "x\ty"\n',
      "---a: 1\n",
      "--- a: 1\n",
      "--- [a]\n",
      "a: ---\n",
      "a: ...\n",
      "--- >\n  x\n",
      "a: ---\n---\n",
      " a: 1\n b: 2\n",
      "a: 1\n  b: 2\n",
      "-1: x\n",
      "- 1: x\n  2: y\n",
      "a:\n- b\n- c\nd: e\n",
    ];
    let fast = 0;
    for (const text of assorted) if (expectSameAsYaml(text)) fast++;
    expect(fast).toBeGreaterThan(assorted.length / 2);
  });

  it("gives YAML 1.1 values like kubectl on the fast path", () => {
    const text = CASES.find((c) => c.name === "YAML 1.1 scalars")?.text ?? "";
    expect(parseFast(text)).not.toBeNull();
    const v = parseText(text).documents[0].value as Record<string, unknown>;
    expect(v).toMatchObject({ a: true, b: true, c: false, d: true, e: false, f: 420, g: 31, h: 1000 });
    expect(v).toMatchObject({ i: 685230, j: Number.NEGATIVE_INFINITY, m: "yes", nl: null, o: 1.5, p: 5 });
    expect(v.l).toEqual(new Date("2001-12-14T00:00:00Z"));
  });

  it("reports document index and content line for each document (CRLF, BOM, comments, empty docs)", () => {
    const out = parseText("\ufeff# c\r\n---\r\na: 1\r\n---\r\n---\r\n\r\n# x\r\nb: 2\r\n");
    expect(out.documents.map((d) => [d.document, d.line])).toEqual([
      [0, 3],
      [1, 4],
      [2, 8],
    ]);
  });

  it("keeps __proto__ as an own key without touching the prototype", () => {
    const v = parseText("__proto__: {polluted: true}\n").documents[0].value as Record<string, unknown>;
    expect(Object.hasOwn(v, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("alias bombs fall back to yaml and are rejected quickly", () => {
    let bomb = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 12; i++)
      bomb += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(",")}]\n`;
    const t = performance.now();
    expect(parseFast(bomb)).toBeNull();
    const out = parseText(bomb);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(out.errors[0].message).toMatch(/alias bomb/);
  });

  it("unrendered templates skip the fast path and keep the helm template hint", () => {
    const tpl =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n  labels:\n    {{- include "x" . | nindent 4 }}\n';
    expect(parseText(tpl).errors[0].message).toMatch(/helm template/);
  });

  it("resolves plain scalars exactly as yaml does (words, numbers, dates, long and short)", () => {
    const words = [
      "n",
      "N",
      "y",
      "Y",
      "no",
      "No",
      "NO",
      "nO",
      "on",
      "On",
      "ON",
      "oN",
      "off",
      "Off",
      "OFF",
      "oFF",
      "yes",
      "Yes",
      "YES",
      "yEs",
      "true",
      "True",
      "TRUE",
      "tRUE",
      "false",
      "False",
      "FALSE",
      "fALSE",
      "null",
      "Null",
      "NULL",
      "nULL",
      "truex",
      "falsey",
      "nullable",
      "yesno",
      "offset",
      "onward",
      "e",
      "E",
      "e5",
      "E5",
      "e+5",
      "e-5",
      "E+05",
      "e5x",
      "ex",
      "env",
      "e.5",
      "~",
      "",
      "0",
      "-0",
      "+1",
      "0644",
      "0o644",
      "0x1F",
      "0b11",
      "1_000",
      "1:30",
      "-1:30:00",
      "1:30.5",
      "1.5",
      ".5",
      "5.",
      "1e3",
      "1.5e-3",
      "-.inf",
      ".NaN",
      ".nan",
      ".",
      "+",
      "2001-12-14",
      "2001-12-14t21:59:43.10-05:00",
      "2001-12-14 21:59:43.10",
      "2001-1-1",
      "1.2.3",
      "v1",
      "8080",
      "0:0",
      "<<",
    ];
    for (const w of words) {
      const viaYaml = parseAllDocuments(`k: ${w}\n`, YAML_PARSE_OPTIONS)[0].toJS({ maxAliasCount: 100 }).k;
      if (w === "<<") expect(() => resolveYaml11Plain(w)).toThrow();
      else expect(resolveYaml11Plain(w)).toStrictEqual(viaYaml);
    }
  });

  it("the surely-a-string shortcut never hides a non-string YAML 1.1 scalar (property test)", () => {
    const alpha = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    const tail = fc.string({
      unit: fc.constantFrom(..."aeflnorstuyAEFLNORSTUY0123456789+-._: "),
      maxLength: 8,
    });
    fc.assert(
      fc.property(alpha, tail, (a, t) => {
        const s = a + t;
        if (surelyString(s)) expect(resolveWithYamlTags(s)).toBe(s);
      }),
      { numRuns: 20000, seed: 3 },
    );
  });

  it("the first-character filter never hides a non-string YAML 1.1 scalar", () => {
    const suffixes = [
      "",
      "0",
      "1",
      "9",
      "_0",
      "es",
      "ES",
      "o",
      "O",
      "n",
      "N",
      "ull",
      "ULL",
      "rue",
      "RUE",
      "alse",
      "ff",
      "FF",
      "b1",
      "x1F",
      "7",
      ".5",
      "e3",
      "E3",
      "inf",
      "nan",
      "Inf",
      ".inf",
      ".nan",
      "<",
      ":30",
      "0:30.5",
      "001-12-14",
      "000-01-01T00:00:00Z",
      ".",
      "_",
      "e+5",
    ];
    for (let c = 0; c < 0x180; c++) {
      const ch = String.fromCharCode(c);
      if (NON_STRING_FIRST_CHARS.includes(ch)) continue;
      for (const s of suffixes) {
        expect(resolveWithYamlTags(ch + s)).toBe(ch + s);
      }
    }
  });
});
