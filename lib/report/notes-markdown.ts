/**
 * Period notes (key learnings, success factors, handoff) are Markdown written by editors. Every renderer goes
 * through this module: the notes are parsed once with remark (GFM), contained on the syntax tree, then printed as
 * sanitised HTML (app, preview, PDF) or as Markdown nested under the report's section (Markdown export).
 *
 * Containment, on the tree (never on the text):
 * - headings are shifted so the shallowest becomes one level below the section (relative depths kept, capped at
 *   6); setext headings come out as ATX, so a note cannot open a section of the report's own level or above;
 * - task-list items lose their checkbox (a ☑ / ☐ in the text instead), so a note cannot fake an exit criterion;
 * - links keep http(s) and mailto targets only, otherwise only their text stays; images (remote trackers) become
 *   their alt text; reference definitions and footnotes become plain text;
 * - raw HTML is shown as text, never passed through.
 */
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent, Text } from "mdast";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import remarkStringify from "remark-stringify";
import { unified } from "unified";

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** An absolute http(s) or mailto URL (what the WHATWG parser sees, so tabs or case tricks change nothing). */
export function isSafeNoteUrl(url: string): boolean {
  try {
    return SAFE_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

const text = (value: string): Text => ({ type: "text", value });
const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: "paragraph", children });

type Definitions = Map<string, { url: string; title?: string | null }>;

/** Markdown's reference label matching: case-insensitive, whitespace collapsed. */
const labelKey = (label: string) => label.replace(/\s+/g, " ").trim().toLowerCase();

function collectDefinitions(node: Nodes, into: Definitions) {
  if (node.type === "definition") {
    const key = labelKey(node.identifier);
    if (!into.has(key)) into.set(key, { url: node.url, title: node.title });
  }
  if ("children" in node) for (const child of node.children) collectDefinitions(child, into);
}

function minHeadingDepth(node: Nodes): number {
  let min = 7;
  if (node.type === "heading") min = node.depth;
  if ("children" in node) for (const child of node.children) min = Math.min(min, minHeadingDepth(child));
  return min;
}

type Context = { definitions: Definitions; shift: number };

/** One node as its contained replacement(s). */
function contain(node: Nodes, ctx: Context, block: boolean): Nodes[] {
  const children = (n: { children: Nodes[] }, childBlock: boolean) =>
    n.children.flatMap((c) => contain(c, ctx, childBlock));
  switch (node.type) {
    case "html":
      // Shown as text; at block level it needs a paragraph around it.
      return block ? [paragraph([text(node.value)])] : [text(node.value)];
    case "heading":
      return [
        {
          ...node,
          depth: Math.min(6, Math.max(1, node.depth + ctx.shift)) as 1 | 2 | 3 | 4 | 5 | 6,
          children: children(node, false) as PhrasingContent[],
        },
      ];
    case "link":
      return isSafeNoteUrl(node.url)
        ? [{ ...node, children: children(node, false) as PhrasingContent[] }]
        : children(node, false);
    case "linkReference": {
      const def = ctx.definitions.get(labelKey(node.identifier));
      const inner = children(node, false) as PhrasingContent[];
      return def && isSafeNoteUrl(def.url)
        ? [{ type: "link", url: def.url, title: def.title ?? null, children: inner }]
        : inner;
    }
    case "image":
    case "imageReference":
      return node.alt ? [text(node.alt)] : [];
    case "definition":
      return [];
    case "footnoteReference":
      return [text(`[${node.label ?? node.identifier}]`)];
    case "footnoteDefinition":
      return [paragraph([text(`[${node.label ?? node.identifier}]:`)]), ...children(node, true)];
    case "listItem": {
      const inner = children(node, true) as RootContent[];
      if (typeof node.checked === "boolean") {
        const mark = text(node.checked ? "☑ " : "☐ ");
        const first = inner[0];
        if (first?.type === "paragraph") inner[0] = { ...first, children: [mark, ...first.children] };
        else inner.unshift(paragraph([mark]));
      }
      return [{ ...node, checked: null, children: inner as typeof node.children }];
    }
    default:
      if ("children" in node) {
        const childBlock = ["root", "blockquote", "list", "footnoteDefinition"].includes(node.type);
        return [{ ...node, children: children(node as { children: Nodes[] }, childBlock) } as Nodes];
      }
      return [node];
  }
}

/**
 * The note parsed and contained, its headings starting at `firstDepth` (one below the section it sits in).
 */
export function parseNote(markdown: string, firstDepth: number): Root {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown.replace(/\r\n?/g, "\n"));
  const definitions: Definitions = new Map();
  collectDefinitions(tree, definitions);
  const min = minHeadingDepth(tree);
  const shift = min > 6 ? 0 : firstDepth - min;
  return contain(tree, { definitions, shift }, true)[0] as Root;
}

/**
 * The note as Markdown to place under a report section of level `sectionDepth` (2 for "## Key Learnings").
 * Raw HTML that became text keeps its `<` as `&lt;`, so no viewer can take it for a tag.
 */
export function noteToMarkdown(markdown: string, sectionDepth: number): string {
  const tree = parseNote(markdown, sectionDepth + 1);
  return unified()
    .use(remarkGfm)
    .use(remarkStringify, {
      bullet: "-",
      fences: true,
      setext: false,
      rule: "-",
      listItemIndent: "one",
      handlers: {
        text: (node: Text, _parent, state, info) =>
          state.safe(node.value, { ...info, encode: ["<"] }).replaceAll("&#x3C;", "&lt;"),
      },
    })
    .stringify(tree)
    .trimEnd();
}

/** GitHub's sanitising schema without images, form inputs or relative links: http(s) and mailto only. */
const SCHEMA = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !["img", "input", "picture", "source"].includes(t)),
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"] },
};

/** The note as sanitised HTML (headings from `h{firstDepth}`): for the app, the report preview and the PDF. */
export function noteToHtml(markdown: string, firstDepth: number): string {
  const tree = parseNote(markdown, firstDepth);
  const processor = unified()
    .use(remarkRehype)
    .use(rehypeSanitize, SCHEMA)
    .use(rehypeStringify, { characterReferences: { useNamedReferences: true } });
  return processor.stringify(processor.runSync(tree));
}
