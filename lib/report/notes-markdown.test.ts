import type { Nodes, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { isSafeNoteUrl, noteToHtml, noteToMarkdown } from "./notes-markdown";

/** Every node of the exported Markdown as a GFM reader (GitHub, an editor) will see it. */
function nodesOf(markdown: string): Nodes[] {
  const all: Nodes[] = [];
  const walk = (n: Nodes) => {
    all.push(n);
    if ("children" in n) n.children.forEach(walk);
  };
  walk(unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root);
  return all;
}

/** What a note placed under "## Section" must never produce once exported, whatever it says. */
function expectContained(note: string) {
  const md = noteToMarkdown(note, 2);
  // The note as the report embeds it: its section, the note, the next section.
  const doc = `## Section\n\n${md}\n\n## Next\n`;
  const nodes = nodesOf(doc);
  const headings = nodes.flatMap((n) => (n.type === "heading" ? [n.depth] : []));
  expect(
    headings.filter((d) => d <= 2),
    `${note} →\n${md}`,
  ).toEqual([2, 2]);
  expect(
    nodes.filter((n) => n.type === "listItem" && typeof n.checked === "boolean"),
    md,
  ).toEqual([]);
  expect(
    nodes.filter((n) => n.type === "html"),
    md,
  ).toEqual([]);
  expect(
    nodes.filter((n) => n.type === "image" || n.type === "imageReference"),
    md,
  ).toEqual([]);
  for (const n of nodes) if (n.type === "link") expect(isSafeNoteUrl(n.url), n.url).toBe(true);
  for (const n of nodes) if (n.type === "definition") expect(isSafeNoteUrl(n.url), n.url).toBe(true);
  // The next section is still a section (nothing left open swallows it).
  expect(doc.endsWith("\n## Next\n")).toBe(true);
  expect(nodes.at(-1)).toMatchObject({ type: "text", value: "Next" });
  return md;
}

const SPOOFS: Record<string, string> = {
  "ATX level 1": "# Fake section",
  "ATX level 2": "## Exit Criteria Tracking",
  "ATX with indent": "   ## Indented",
  "setext =": "Exit Criteria Tracking\n===",
  "setext -": "Quality Metrics\n---",
  "setext after a paragraph line": "some text\nFake\n==========",
  "setext in a blockquote": "> Quote\n> ===",
  "setext in a list": "- item\n  Fake\n  ---",
  "task list ticked": "- [x] Network policies implemented",
  "task list unticked": "* [ ] RBAC enforced",
  "task list upper-case X": "+ [X] Security audit passed",
  "ordered task list": "1. [x] Maturity ≥ 80%",
  "nested task list": "- parent\n  - [x] child criterion",
  "task list in a blockquote": "> - [x] quoted tick",
  "escaped brackets": "- \\[x] escaped",
  "javascript link": "[click](javascript:alert(1))",
  "javascript link upper-case with tab": "[click](JaVa\tScRiPt:alert(1))",
  "javascript autolink": "<javascript:alert(1)>",
  "data link": "[x](data:text/html,<script>alert(1)</script>)",
  "vbscript link": "[x](vbscript:msgbox)",
  "relative link": "[x](/admin/users)",
  "reference link to javascript": "[click][r]\n\n[r]: javascript:alert(1)",
  "collapsed reference": "[r][]\n\n[r]: javascript:alert(2)",
  "remote image": "![tracker](https://evil.example/pixel.png)",
  "reference image": "![t][img]\n\n[img]: https://evil.example/p.png",
  "image inside a link": "[![x](https://evil.example/a.png)](https://ok.example)",
  "raw HTML block": "<div>\n\n# inside html\n\n</div>",
  "raw HTML img": '<img src="https://evil.example/x.png" onerror="alert(1)">',
  "raw script": "<script>alert(1)</script>",
  "html comment": "<!-- hidden -->",
  "unclosed fence": "```\nunclosed\n## not a heading",
  "tilde fence": "~~~\n## code\n",
  footnote: "text[^1]\n\n[^1]: # footnote heading",
  "table with heading-ish cells": "| # a | b |\n|---|---|\n| === | [x](javascript:x) |",
};

describe("notes as Markdown in the Markdown export", () => {
  for (const [name, note] of Object.entries(SPOOFS)) {
    it(`contains: ${name}`, () => {
      expectContained(note);
    });
  }

  it("nests headings one level below the section, keeping their relative depths", () => {
    expect(noteToMarkdown("### What worked\ntext\n#### Detail\nmore", 2)).toBe(
      "### What worked\n\ntext\n\n#### Detail\n\nmore",
    );
    expect(noteToMarkdown("# A\n## B\n###### C", 3)).toBe("#### A\n\n##### B\n\n###### C");
    expect(noteToMarkdown("Title\n=====\n\nSub\n---", 2)).toBe("### Title\n\n#### Sub");
  });

  it("keeps safe links and Markdown formatting, and turns the rest into text", () => {
    const md = noteToMarkdown(
      "**bold** _em_ `code` [site](https://example.com) [mail](mailto:a@example.com) [bad](javascript:x)",
      2,
    );
    expect(md).toBe("**bold** *em* `code` [site](https://example.com) [mail](mailto:a@example.com) bad");
    expect(noteToMarkdown("- [x] done\n- [ ] open", 2)).toBe("- ☑ done\n- ☐ open");
    expect(noteToMarkdown("![alt text](https://evil.example/x.png)", 2)).toBe("alt text");
    expect(noteToMarkdown("<script>alert(1)</script>", 2)).toBe("&lt;script>alert(1)&lt;/script>");
  });

  it("closes an unclosed fence inside the note", () => {
    const md = noteToMarkdown("```\ncode <b>", 2);
    expect(md).toBe("```\ncode <b>\n```");
  });
});

describe("notes as HTML (app, preview, PDF)", () => {
  it("renders headings, lists, emphasis, code, tables and safe links", () => {
    const html = noteToHtml(
      "# Learned\n\n- **one**\n- _two_\n\n`x`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[s](https://example.com) [m](mailto:a@example.com)",
      3,
    );
    expect(html).toContain("<h3>Learned</h3>");
    expect(html).toContain("<li><strong>one</strong></li>");
    expect(html).toContain("<em>two</em>");
    expect(html).toContain("<code>x</code>");
    expect(html).toMatch(/<table>[\s\S]*<td>1<\/td>/);
    expect(html).toContain('<a href="https://example.com">s</a>');
    expect(html).toContain('<a href="mailto:a@example.com">m</a>');
  });

  it("never lets a note out: no raw HTML, scripts, handlers, images, inputs or unsafe links", () => {
    for (const note of Object.values(SPOOFS)) {
      const html = noteToHtml(note, 3);
      // Elements only (text may say "<img …>" as long as it is escaped).
      for (const [, tag, attributes] of html.matchAll(/<([a-z][a-z0-9]*)([^>]*)>/gi)) {
        expect(["script", "img", "input", "iframe", "div", "h1", "h2", "style"], note).not.toContain(tag);
        expect(attributes, note).not.toMatch(/\s(on\w+|src|style)=/i);
      }
      for (const m of html.matchAll(/href="([^"]*)"/g)) expect(isSafeNoteUrl(m[1]), m[1]).toBe(true);
    }
    expect(noteToHtml("<script>alert(1)</script>", 3)).toBe("<p>&lt;script>alert(1)&lt;/script></p>");
  });
});
