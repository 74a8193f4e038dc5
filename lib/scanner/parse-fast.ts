/**
 * Fast path for the common case of plain Kubernetes YAML: js-yaml's event parser and constructor
 * (several times faster than the `yaml` Document model), with scalars resolved by the `yaml`
 * package's own YAML 1.1 tag resolvers, so values are exactly what `parseAllDocuments(..., {version:
 * "1.1"}).toJS()` gives. It only answers when it can promise the same result as the `yaml` path and
 * returns null otherwise, and the caller then parses with `yaml`:
 *   - any js-yaml error (malformed YAML, duplicate keys, nesting deeper than 100, ...);
 *   - anchors, aliases, explicit tags, directives, merge keys (`<<`), complex or very long keys;
 *   - a document whose root is a block scalar, or an empty document without a `---` marker;
 *   - `...` document-end markers at the start of a line (yaml counts documents differently there).
 * Pure: no fs.
 */
import {
  constructFromEvents,
  defineMappingTag,
  defineScalarTag,
  EVENT_ID,
  NOT_RESOLVED,
  parseEvents,
  SCALAR_STYLE,
  Schema,
  seqTag,
  strTag,
} from "js-yaml";
import { Document, isScalar } from "yaml";

/** Thrown inside the constructor to leave the fast path; always caught in this module. */
class Unsupported extends Error {}

/** Scalar tags of the `yaml` package's YAML 1.1 schema that resolve untagged plain scalars, in order. */
interface YamlScalarTag {
  default?: boolean | "key";
  test?: RegExp;
  resolve: (value: string, onError: (msg: string) => void, options: unknown) => unknown;
}
const yamlDoc = new Document(null, { version: "1.1" });
const YAML11_PLAIN_TAGS = (yamlDoc.schema.tags as unknown as YamlScalarTag[]).filter(
  (t) => t.default === true && t.test instanceof RegExp,
);
const YAML11_OPTIONS = yamlDoc.options;

/**
 * First characters a plain scalar must start with to be anything but a string in YAML 1.1 (`yaml`'s
 * null, bool, int, float, sexagesimal, timestamp and merge tests). Other scalars are strings and skip
 * the resolvers; parse-fast.test.ts checks this set against the resolvers.
 */
export const NON_STRING_FIRST_CHARS: readonly string[] = [
  "",
  "~",
  ..."nNyYtToOfF",
  ..."+-.0123456789",
  ..."eE",
  "<",
];

/**
 * True when no YAML 1.1 resolver can match: a scalar starting with a letter is a null or a boolean
 * only when it has at most 5 characters (`false`), and a float only as `e5`/`E-3` (yaml's float
 * pattern with an empty mantissa). Saves running a dozen regexps on most keys and values.
 */
export function surelyString(source: string): boolean {
  const c = source.charCodeAt(0);
  if (c === 0x65 || c === 0x45) {
    // e, E
    const d = source.charCodeAt(1);
    return !(d === 0x2b || d === 0x2d || (d >= 0x30 && d <= 0x39));
  }
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a ? source.length > 5 : false;
}

/** Resolves an untagged plain scalar exactly like `yaml` 1.1 (same resolvers, same order). */
export function resolveYaml11Plain(source: string): unknown {
  return surelyString(source) ? source : resolveWithYamlTags(source);
}

/** resolveYaml11Plain without the surelyString shortcut (exported for tests). */
export function resolveWithYamlTags(source: string): unknown {
  if (source === "<<") throw new Unsupported("merge key"); // yaml merges at key position
  for (const tag of YAML11_PLAIN_TAGS) {
    if (!tag.test?.test(source)) continue;
    let failed = false;
    const v = tag.resolve(
      source,
      () => {
        failed = true;
      },
      YAML11_OPTIONS,
    );
    if (failed) throw new Unsupported("scalar resolution warning");
    return isScalar(v) ? v.value : v;
  }
  return source;
}

const plainTag = defineScalarTag<unknown>("tag:rampart.io,2026:yaml-1.1-plain", {
  implicit: true,
  implicitFirstChars: NON_STRING_FIRST_CHARS,
  resolve: (source) => {
    const v = resolveYaml11Plain(source);
    return v === source ? NOT_RESOLVED : v;
  },
  identify: () => false,
});

/**
 * `yaml`'s toJS key rule for plain objects is String(key) for scalars. Null keys (`~:`, empty keys,
 * where the parsers disagree on edge cases) and complex keys leave the fast path.
 */
function jsKey(key: unknown): string {
  if (typeof key === "string") {
    if (key.length > 1000) throw new Unsupported("long key"); // yaml limits implicit keys to 1024 chars
    return key;
  }
  if (key === null || typeof key === "object") throw new Unsupported("null or complex mapping key");
  const k = String(key);
  if (k.length > 1000) throw new Unsupported("long key"); // yaml limits implicit keys to 1024 chars
  return k;
}

const mapTag = defineMappingTag<Record<string, unknown>>("tag:yaml.org,2002:map", {
  create: () => ({}),
  addPair: (map, key, value) => {
    const k = jsKey(key);
    // As yaml's addPairToJSMap: an own property, never the prototype (assigning `__proto__` would set
    // it; other inherited names such as `toString` become own properties on assignment anyway).
    if (k === "__proto__")
      Object.defineProperty(map, k, { value, writable: true, enumerable: true, configurable: true });
    else map[k] = value;
    return "";
  },
  // Duplicate keys make js-yaml throw, and the caller re-parses with yaml (which notes them).
  has: (map, key) => Object.hasOwn(map, jsKey(key)),
  keys: (map) => Object.keys(map),
  get: (map, key) => map[jsKey(key)],
  identify: () => false,
});

const SCHEMA = new Schema([strTag, seqTag, mapTag, plainTag]);

/** `...` at the start of a line: yaml and js-yaml count documents differently around it. */
const DOCUMENT_END = /^\.\.\.(?=[ \t\r\n]|$)/m;
const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;
const NONE = -1;

export interface FastDocument {
  /** Offset where the document's content starts (as yaml's `doc.contents.range[0]`, same line). */
  offset: number;
  value: unknown;
}

/**
 * Parses a multi-document YAML stream (BOM already removed) on the fast path, or returns null when it
 * cannot promise the `yaml` path's result.
 */
export function parseFast(src: string): FastDocument[] | null {
  if (DOCUMENT_END.test(src)) return null;
  try {
    const events = parseEvents(src, {});
    const offsets: number[] = [];
    let cursor = 0; // end of the last content seen: the next `---` marker is after it
    let atRoot = false;
    let explicitStart = false;
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      switch (e.type) {
        case EVENT_ID.DOCUMENT:
          if (e.directives.length > 0) return null;
          atRoot = true;
          explicitStart = e.explicitStart;
          break;
        case EVENT_ID.SCALAR:
          if (e.anchorStart !== NONE || e.tagStart !== NONE) return null;
          if (atRoot) {
            atRoot = false;
            if (e.valueStart === NONE) {
              // Empty document: yaml places it right after its `---` marker.
              if (!explicitStart) return null;
              DOCUMENT_START.lastIndex = cursor;
              const m = DOCUMENT_START.exec(src);
              if (!m) return null;
              offsets.push(m.index);
              cursor = m.index + 3;
              break;
            }
            if (e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK) return null;
            offsets.push(e.valueStart);
          }
          if (e.valueEnd > cursor) cursor = e.valueEnd;
          break;
        case EVENT_ID.MAPPING:
        case EVENT_ID.SEQUENCE:
          if (e.anchorStart !== NONE || e.tagStart !== NONE) return null;
          if (atRoot) {
            atRoot = false;
            offsets.push(e.start);
          }
          if (e.start > cursor) cursor = e.start;
          break;
        case EVENT_ID.ALIAS:
          return null;
      }
    }
    const values = constructFromEvents(events, { source: src, schema: SCHEMA, maxAliases: 0 });
    if (values.length !== offsets.length) return null;
    return values.map((value, i) => ({ offset: offsets[i], value }));
  } catch {
    return null;
  }
}
