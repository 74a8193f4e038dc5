/**
 * ComponentTable's filter/sort state and its URL form (pure: no React, no Next). The state lives in the query
 * string so that a link reproduces the view: `?category=Core&failing=network-policy&sort=failing&dir=desc`.
 * Parameters at their default are left out; unrelated parameters are kept.
 */
import type { MetricControlResult } from "@/lib/metrics";

/** One component row: a scan workload (scanner WorkloadResult or stored ScanViewWorkload) with its id. */
export type ComponentRow = {
  componentId: string;
  kind: string;
  namespace: string;
  name: string;
  category: string;
  pattern: string;
  /** Pod Security Standards level (scanner output); absent for stored scans that do not carry it. */
  pssLevel?: string | null;
  features?: unknown;
  controls: Readonly<Record<string, MetricControlResult>>;
};

export const SORT_KEYS = ["name", "pattern", "failing", "pss", "exception"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
export type ExceptionFilter = "yes" | "no";

export type ComponentFilters = {
  /** Free-text search over name, namespace, kind, category, pattern and failing controls. */
  q: string;
  category: string | null;
  pattern: string | null;
  /** Only components failing this control. */
  failing: string | null;
  pss: string | null;
  /** yes: with at least one waived control (documented exception); no: without. */
  exception: ExceptionFilter | null;
  sort: SortKey;
  dir: SortDir;
};

export const DEFAULT_FILTERS: ComponentFilters = {
  q: "",
  category: null,
  pattern: null,
  failing: null,
  pss: null,
  exception: null,
  sort: "name",
  dir: "asc",
};

/** The query parameters this state owns. */
export const FILTER_PARAMS = [
  "q",
  "category",
  "pattern",
  "failing",
  "pss",
  "exception",
  "sort",
  "dir",
] as const;

type ParamsLike = { get(name: string): string | null };

const nonEmpty = (v: string | null): string | null => (v && v.trim() !== "" ? v : null);

/** Query string → state; unknown or malformed values fall back to the defaults. */
export function parseFilters(params: ParamsLike): ComponentFilters {
  const sort = params.get("sort");
  const dir = params.get("dir");
  const exception = params.get("exception");
  return {
    q: params.get("q")?.trim() ?? "",
    category: nonEmpty(params.get("category")),
    pattern: nonEmpty(params.get("pattern")),
    failing: nonEmpty(params.get("failing")),
    pss: nonEmpty(params.get("pss")),
    exception: exception === "yes" || exception === "no" ? exception : null,
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : DEFAULT_FILTERS.sort,
    dir: dir === "desc" ? "desc" : "asc",
  };
}

/**
 * State → query string (without "?"), keeping parameters of `base` that this state does not own. Defaults are
 * omitted, so the unfiltered view has a clean URL. Parameter order is stable.
 */
export function serializeFilters(filters: ComponentFilters, base?: URLSearchParams | string): string {
  const params = new URLSearchParams(base ?? "");
  for (const p of FILTER_PARAMS) params.delete(p);
  const q = filters.q.trim();
  if (q) params.set("q", q);
  for (const key of ["category", "pattern", "failing", "pss", "exception"] as const) {
    const v = filters[key];
    if (v) params.set(key, v);
  }
  if (filters.sort !== DEFAULT_FILTERS.sort || filters.dir !== DEFAULT_FILTERS.dir) {
    params.set("sort", filters.sort);
    params.set("dir", filters.dir);
  }
  return params.toString();
}

/** Controls the component fails, sorted. */
export function failingControls(row: ComponentRow): string[] {
  return Object.entries(row.controls)
    .filter(([, r]) => r.status === "fail")
    .map(([id]) => id)
    .sort();
}

/** Controls waived on the component (a documented exception), with the justification when known. */
export function waivedControls(row: ComponentRow): { control: string; justification: string }[] {
  return Object.entries(row.controls)
    .filter(([, r]) => r.status === "waived")
    .map(([control, r]) => ({ control, justification: r.exception?.justification ?? "" }))
    .sort((a, b) => a.control.localeCompare(b.control));
}

export function filterRows(rows: readonly ComponentRow[], f: ComponentFilters): ComponentRow[] {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (f.category && row.category !== f.category) return false;
    if (f.pattern && row.pattern !== f.pattern) return false;
    if (f.pss && (row.pssLevel ?? "") !== f.pss) return false;
    const failing = failingControls(row);
    if (f.failing && !failing.includes(f.failing)) return false;
    if (f.exception) {
      const has = waivedControls(row).length > 0;
      if (has !== (f.exception === "yes")) return false;
    }
    if (words.length > 0) {
      const haystack = [row.name, row.namespace, row.kind, row.category, row.pattern, ...failing]
        .join(" ")
        .toLowerCase();
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  });
}

/** Strictest first: restricted < baseline < privileged; unknown last. */
const PSS_ORDER: Record<string, number> = { restricted: 0, baseline: 1, privileged: 2 };

function compareBy(key: SortKey): (a: ComponentRow, b: ComponentRow) => number {
  switch (key) {
    case "name":
      return (a, b) => a.name.localeCompare(b.name);
    case "pattern":
      return (a, b) => a.pattern.localeCompare(b.pattern);
    case "failing":
      return (a, b) => failingControls(a).length - failingControls(b).length;
    case "pss":
      return (a, b) => (PSS_ORDER[a.pssLevel ?? ""] ?? 3) - (PSS_ORDER[b.pssLevel ?? ""] ?? 3);
    case "exception":
      return (a, b) => waivedControls(a).length - waivedControls(b).length;
  }
}

/** Stable sort by the key and direction; ties by name, namespace, kind (always ascending). */
export function sortRows(rows: readonly ComponentRow[], sort: SortKey, dir: SortDir): ComponentRow[] {
  const primary = compareBy(sort);
  const sign = dir === "desc" ? -1 : 1;
  return [...rows].sort(
    (a, b) =>
      sign * primary(a, b) ||
      a.name.localeCompare(b.name) ||
      a.namespace.localeCompare(b.namespace) ||
      a.kind.localeCompare(b.kind),
  );
}

export function applyFilters(rows: readonly ComponentRow[], f: ComponentFilters): ComponentRow[] {
  return sortRows(filterRows(rows, f), f.sort, f.dir);
}

/** Rows grouped by category (categories in alphabetical order, rows keep their order). */
export function groupByCategory(rows: readonly ComponentRow[]): { category: string; rows: ComponentRow[] }[] {
  const groups = new Map<string, ComponentRow[]>();
  for (const row of rows) {
    const list = groups.get(row.category);
    if (list) list.push(row);
    else groups.set(row.category, [row]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, list]) => ({ category, rows: list }));
}

/** The values offered by each filter, from all rows (not only the visible ones). */
export function filterOptions(rows: readonly ComponentRow[]) {
  const uniq = (values: (string | null | undefined)[]) =>
    [...new Set(values.filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b));
  return {
    categories: uniq(rows.map((r) => r.category)),
    patterns: uniq(rows.map((r) => r.pattern)),
    failing: uniq(rows.flatMap(failingControls)),
    pss: uniq(rows.map((r) => r.pssLevel)).sort((a, b) => (PSS_ORDER[a] ?? 3) - (PSS_ORDER[b] ?? 3)),
  };
}

/** Toggling a column header: same column flips the direction, another column starts ascending. */
export function nextSort(f: ComponentFilters, key: SortKey): Pick<ComponentFilters, "sort" | "dir"> {
  if (f.sort === key) return { sort: key, dir: f.dir === "asc" ? "desc" : "asc" };
  return { sort: key, dir: "asc" };
}

/** Rows the components table shows per page: the server sends only those (2,000 components stay one page's cost). */
export const PAGE_SIZE = 50;

/** The `page` query parameter (1-based); anything else is the first page. */
export function parsePage(value: string | null | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

export type ComponentPaging = {
  page: number;
  pageCount: number;
  /** Rows matching the filters, over all pages. */
  matching: number;
  total: number;
  /** Filter values over all rows, not only this page's. */
  options: ReturnType<typeof filterOptions>;
};

/**
 * Rows with what filtering and ordering read, computed once: a scan's rows are indexed when first read (and kept per
 * scan and exceptions state on the server), so a request filters them in one pass over precomputed values and sorts
 * nothing. `orders` fills itself per sort and direction the first time each is asked for.
 */
export type RowIndex<R extends ComponentRow = ComponentRow> = {
  rows: readonly R[];
  /** Per row: failing controls (sorted), whether a control is waived, the text the search reads (lower case). */
  failing: readonly string[][];
  waived: readonly boolean[];
  haystack: readonly string[];
  /** Filter values over all rows. */
  options: ReturnType<typeof filterOptions>;
  /** `sort:dir` → row positions in the table's order (categories alphabetical, the sort within each). */
  orders: Map<string, number[]>;
};

export function indexRows<R extends ComponentRow>(rows: readonly R[]): RowIndex<R> {
  const failing = rows.map(failingControls);
  return {
    rows,
    failing,
    waived: rows.map((row) => waivedControls(row).length > 0),
    haystack: rows.map((row, i) =>
      [row.name, row.namespace, row.kind, row.category, row.pattern, ...failing[i]].join(" ").toLowerCase(),
    ),
    options: filterOptions(rows),
    orders: new Map(),
  };
}

function tableOrder(index: RowIndex, sort: SortKey, dir: SortDir): number[] {
  const key = `${sort}:${dir}`;
  let order = index.orders.get(key);
  if (!order) {
    const position = new Map(index.rows.map((row, i) => [row, i]));
    order = groupByCategory(sortRows(index.rows, sort, dir)).flatMap((g) =>
      g.rows.map((row) => position.get(row) as number),
    );
    index.orders.set(key, order);
  }
  return order;
}

/**
 * One page of the rows in the order the table shows them (categories alphabetical, the sort within each), filtered:
 * the server applies the URL's state, so only `size` rows reach the page. A page past the end is the last one.
 * Same rows as groupByCategory(applyFilters(rows, f)), sliced.
 */
export function pageOfIndex<R extends ComponentRow>(
  index: RowIndex<R>,
  f: ComponentFilters,
  page: number,
  size = PAGE_SIZE,
): ComponentPaging & { rows: R[] } {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  const { rows, failing, waived, haystack } = index;
  const matches = (i: number) => {
    const row = rows[i];
    if (f.category && row.category !== f.category) return false;
    if (f.pattern && row.pattern !== f.pattern) return false;
    if (f.pss && (row.pssLevel ?? "") !== f.pss) return false;
    if (f.failing && !failing[i].includes(f.failing)) return false;
    if (f.exception && waived[i] !== (f.exception === "yes")) return false;
    return words.every((w) => haystack[i].includes(w));
  };
  const ordered = tableOrder(index, f.sort, f.dir).filter(matches);
  const pageCount = Math.max(1, Math.ceil(ordered.length / size));
  const current = Math.min(page, pageCount);
  return {
    rows: ordered.slice((current - 1) * size, current * size).map((i) => rows[i]),
    page: current,
    pageCount,
    matching: ordered.length,
    total: rows.length,
    options: index.options,
  };
}

/** pageOfIndex over rows indexed for this call only (the server keeps its index: findComponentPage). */
export function pageOfRows(
  rows: readonly ComponentRow[],
  f: ComponentFilters,
  page: number,
  size = PAGE_SIZE,
): ComponentPaging & { rows: ComponentRow[] } {
  return pageOfIndex(indexRows(rows), f, page, size);
}
