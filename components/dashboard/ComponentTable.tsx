"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import { TableScroll } from "@/components/TableScroll";
import { PATTERNS_BY_ID } from "@/lib/scanner/patterns";
import own from "./ComponentTable.module.css";
import {
  applyFilters,
  type ComponentFilters,
  type ComponentPaging,
  type ComponentRow,
  DEFAULT_FILTERS,
  failingControls,
  filterOptions,
  groupByCategory,
  nextSort,
  PAGE_SIZE,
  parseFilters,
  type SortKey,
  serializeFilters,
  waivedControls,
} from "./component-filters";
import { SecurityFeatureBadges, toFeatures } from "./SecurityFeatureBadges";
import { Badge } from "./StatusBadge";

export type { ComponentRow } from "./component-filters";

export type ComponentTableProps = {
  /** The scan's workloads with their component ids (stored ScanViewWorkload, or scanner WorkloadResult + id). */
  rows: readonly ComponentRow[];
  /** Rows link to `${basePath}/components/${componentId}`, e.g. "/projects/maestro". */
  basePath: string;
  /**
   * Server-side paging: `rows` are one page, already filtered and sorted by the URL's state (pageOfRows), and a
   * filter change goes back to the first page. Without it, `rows` are every row and the table filters them.
   */
  paging?: ComponentPaging;
};

// The scanner's own pattern titles: one wording everywhere (table, component page, report).
const patternLabel = (p: string) => PATTERNS_BY_ID.get(p)?.title ?? p;

const COLUMNS: { key: SortKey | null; label: string }[] = [
  { key: "name", label: "Component" },
  { key: "pattern", label: "Pattern" },
  { key: null, label: "Security features" },
  { key: "failing", label: "Failing controls" },
  { key: "pss", label: "PSS level" },
  { key: "exception", label: "Exception" },
];

function SelectFilter({
  label,
  value,
  options,
  onChange,
  format = (v) => v,
}: {
  label: string;
  value: string | null;
  options: readonly string[];
  onChange: (value: string | null) => void;
  format?: (value: string) => string;
}) {
  const id = useId();
  return (
    <div className={own.field}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {format(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

function pageHref(pathname: string, search: string, page: number): string {
  const params = new URLSearchParams(search);
  if (page > 1) params.set("page", String(page));
  else params.delete("page");
  const qs = params.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

/** Previous / next and a link per page (few: 2,000 components are 40 pages), the filters kept in each link. */
function Pages({ paging, href }: { paging: ComponentPaging; href: (page: number) => string }) {
  const pages = Array.from({ length: paging.pageCount }, (_, i) => i + 1);
  return (
    <nav aria-label="Pages of components" className={own.pages}>
      {paging.page > 1 ? <Link href={href(paging.page - 1)}>Previous</Link> : null}
      <ol>
        {pages.map((p) => (
          <li key={p}>
            {p === paging.page ? (
              <span aria-current="page">{p}</span>
            ) : (
              <Link href={href(p)} aria-label={`Page ${p}`}>
                {p}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {paging.page < paging.pageCount ? <Link href={href(paging.page + 1)}>Next</Link> : null}
    </nav>
  );
}

/**
 * Components per category with sortable columns, filters and search whose state lives in the query string
 * (router.replace, so a link reproduces the view without piling up history entries).
 */
export function ComponentTable({ rows, basePath, paging }: ComponentTableProps) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = parseFilters(searchParams);
  // The search box keeps its own text so typing never waits for the URL round-trip.
  const [query, setQuery] = useState(filters.q);
  const searchId = useId();

  const update = (patch: Partial<ComponentFilters>) => {
    const params = new URLSearchParams(searchParams.toString());
    params.delete("page"); // other filters: another list, from its start
    const qs = serializeFilters({ ...filters, ...patch }, params);
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  const total = paging?.total ?? rows.length;
  if (total === 0) {
    return <p className="card muted">No components in this scan.</p>;
  }

  const options = paging?.options ?? filterOptions(rows);
  // Paged rows are already filtered by the URL; the typed query narrows them at once while the server catches up.
  const visible = applyFilters(rows, { ...filters, q: query });
  const matching = paging && query === filters.q ? paging.matching : visible.length;
  const groups = groupByCategory(visible);
  const filtered = serializeFilters({ ...filters, q: query, sort: "name", dir: "asc" }) !== "";
  const base = basePath.replace(/\/$/, "");

  return (
    <section aria-label="Components">
      <search className={own.filters} aria-label="Filter components">
        <div className={`${own.field} ${own.search}`}>
          <label htmlFor={searchId}>Search</label>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder="Name, namespace, control…"
            onChange={(e) => {
              setQuery(e.target.value);
              update({ q: e.target.value });
            }}
          />
        </div>
        <SelectFilter
          label="Category"
          value={filters.category}
          options={options.categories}
          onChange={(category) => update({ category })}
        />
        <SelectFilter
          label="Pattern"
          value={filters.pattern}
          options={options.patterns}
          format={patternLabel}
          onChange={(pattern) => update({ pattern })}
        />
        <SelectFilter
          label="Failing control"
          value={filters.failing}
          options={options.failing}
          onChange={(failing) => update({ failing })}
        />
        <SelectFilter
          label="PSS level"
          value={filters.pss}
          options={options.pss}
          onChange={(pss) => update({ pss })}
        />
        <SelectFilter
          label="Exception"
          value={filters.exception}
          options={["yes", "no"]}
          format={(v) => (v === "yes" ? "With exception" : "Without exception")}
          onChange={(v) => update({ exception: v === "yes" || v === "no" ? v : null })}
        />
        {filtered && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setQuery("");
              update({ ...DEFAULT_FILTERS, sort: filters.sort, dir: filters.dir });
            }}
          >
            Clear filters
          </button>
        )}
      </search>

      <p className="muted" aria-live="polite">
        {matching === total ? `${total} components` : `${matching} of ${total} components match`}
        {paging && paging.pageCount > 1
          ? ` (page ${paging.page} of ${paging.pageCount}, ${PAGE_SIZE} per page)`
          : ""}
      </p>

      {groups.length === 0 && <p className="card muted">No component matches these filters.</p>}

      {groups.map((group) => (
        <TableScroll key={group.category} className={own.category}>
          <table className={`data-table ${own.table}`}>
            <caption>
              {group.category} ({group.rows.length} {group.rows.length === 1 ? "component" : "components"})
            </caption>
            <thead>
              <tr>
                {COLUMNS.map((col) => {
                  if (!col.key) {
                    return (
                      <th key={col.label} scope="col">
                        {col.label}
                      </th>
                    );
                  }
                  const key = col.key;
                  const active = filters.sort === key;
                  const ariaSort = active ? (filters.dir === "asc" ? "ascending" : "descending") : undefined;
                  return (
                    <th key={col.label} scope="col" aria-sort={ariaSort}>
                      <button
                        type="button"
                        className={own.sortButton}
                        onClick={() => update(nextSort(filters, key))}
                      >
                        {col.label}
                        <span aria-hidden="true" className={own.sortIcon}>
                          {active ? (filters.dir === "asc" ? "▲" : "▼") : "↕"}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {group.rows.map((row) => {
                const failing = failingControls(row);
                const waived = waivedControls(row);
                return (
                  <tr key={row.componentId}>
                    <th scope="row">
                      <Link href={`${base}/components/${encodeURIComponent(row.componentId)}`}>
                        {row.name}
                      </Link>
                      <div className="muted">
                        <small>
                          {row.kind} · {row.namespace}
                        </small>
                      </div>
                    </th>
                    <td>{patternLabel(row.pattern)}</td>
                    <td>
                      <SecurityFeatureBadges
                        features={toFeatures(row.features)}
                        label={`Security features of ${row.name}`}
                      />
                    </td>
                    <td>
                      {failing.length === 0 ? (
                        <span className={own.none}>
                          <span aria-hidden="true">✓ </span>0 failing
                        </span>
                      ) : (
                        <>
                          <strong>{failing.length} failing</strong>
                          <ul className={own.controls}>
                            {failing.map((c) => (
                              <li key={c}>
                                <code>{c}</code>
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </td>
                    <td>{row.pssLevel ?? <span className="muted">–</span>}</td>
                    <td className={own.exception}>
                      {waived.length === 0 ? (
                        <span className="muted">None</span>
                      ) : (
                        <>
                          <Badge tone="warn" icon="⚑">
                            {waived.length === 1 ? "Exception" : `${waived.length} exceptions`}
                          </Badge>
                          <ul className={own.controls}>
                            {waived.map((w) => (
                              <li key={w.control}>
                                <code>{w.control}</code>
                                {w.justification && <span className="muted">: {w.justification}</span>}
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ))}
      {paging && paging.pageCount > 1 ? (
        <Pages paging={paging} href={(page) => pageHref(pathname, searchParams.toString(), page)} />
      ) : null}
    </section>
  );
}
