import { describe, expect, it } from "vitest";
import {
  applyFilters,
  type ComponentFilters,
  DEFAULT_FILTERS,
  failingControls,
  filterOptions,
  filterRows,
  groupByCategory,
  indexRows,
  nextSort,
  pageOfIndex,
  pageOfRows,
  parseFilters,
  parsePage,
  serializeFilters,
  sortRows,
  waivedControls,
} from "./component-filters";
import { rows } from "./test-fixtures";

const f = (patch: Partial<ComponentFilters>): ComponentFilters => ({ ...DEFAULT_FILTERS, ...patch });
const names = (list: { name: string }[]) => list.map((r) => r.name);

describe("query string ↔ filter state", () => {
  it("parses every parameter", () => {
    const params = new URLSearchParams(
      "q=redis&category=Feature+Store&pattern=stateful&failing=network-policy&pss=baseline&exception=no&sort=failing&dir=desc",
    );
    expect(parseFilters(params)).toEqual({
      q: "redis",
      category: "Feature Store",
      pattern: "stateful",
      failing: "network-policy",
      pss: "baseline",
      exception: "no",
      sort: "failing",
      dir: "desc",
    });
  });

  it("falls back to the defaults for missing, empty or unknown values", () => {
    expect(parseFilters(new URLSearchParams(""))).toEqual(DEFAULT_FILTERS);
    expect(
      parseFilters(new URLSearchParams("category=&sort=bogus&dir=sideways&exception=maybe&q=%20")),
    ).toEqual(DEFAULT_FILTERS);
  });

  it("leaves defaults out, so the unfiltered view has a clean URL", () => {
    expect(serializeFilters(DEFAULT_FILTERS)).toBe("");
    expect(serializeFilters(f({ q: "  " }))).toBe("");
    expect(serializeFilters(f({ sort: "name", dir: "desc" }))).toBe("sort=name&dir=desc");
  });

  it("keeps parameters it does not own and replaces the ones it does", () => {
    expect(serializeFilters(f({ category: "Core Platform" }), "env=production&category=Old&q=x")).toBe(
      "env=production&category=Core+Platform",
    );
  });

  it("round-trips any state", () => {
    const states: ComponentFilters[] = [
      f({}),
      f({ q: "maestro api", category: "Core Platform", exception: "yes" }),
      f({ failing: "network-policy", pss: "privileged", sort: "pss", dir: "desc" }),
      f({ pattern: "node-agent", sort: "exception", dir: "asc" }),
    ];
    for (const state of states) {
      expect(parseFilters(new URLSearchParams(serializeFilters(state, "env=dev")))).toEqual(state);
    }
  });
});

describe("applying filters to rows", () => {
  it("reads failing and waived controls", () => {
    const promtail = rows.find((r) => r.name === "promtail");
    if (!promtail) throw new Error("fixture");
    expect(failingControls(promtail)).toEqual(["network-policy", "pod-disruption-budget"]);
    expect(waivedControls(promtail)).toEqual([
      { control: "run-as-non-root", justification: "Reads root-owned node log files" },
    ]);
  });

  it("filters by category, pattern, failing control, PSS level and exception", () => {
    expect(names(filterRows(rows, f({ category: "Core Platform" })))).toEqual([
      "maestro-api",
      "maestro-worker",
    ]);
    expect(names(filterRows(rows, f({ pattern: "stateful" })))).toEqual(["feast-redis"]);
    expect(names(filterRows(rows, f({ failing: "run-as-non-root" })))).toEqual(["airflow-worker"]);
    expect(names(filterRows(rows, f({ failing: "pod-disruption-budget" })))).not.toContain("feast-redis");
    expect(names(filterRows(rows, f({ pss: "baseline" })))).toEqual(["feast-redis", "airflow-worker"]);
    expect(names(filterRows(rows, f({ exception: "yes" })))).toEqual(["promtail"]);
    expect(filterRows(rows, f({ exception: "no" }))).toHaveLength(4);
    expect(filterRows(rows, f({ category: "Core Platform", pss: "privileged" }))).toEqual([]);
  });

  it("searches name, namespace, kind, category, pattern and failing controls; every word must match", () => {
    expect(names(filterRows(rows, f({ q: "REDIS" })))).toEqual(["feast-redis"]);
    expect(names(filterRows(rows, f({ q: "logging" })))).toEqual(["promtail"]);
    expect(names(filterRows(rows, f({ q: "daemonset" })))).toEqual(["promtail"]);
    expect(names(filterRows(rows, f({ q: "core worker" })))).toEqual(["maestro-worker"]);
    expect(names(filterRows(rows, f({ q: "run-as-non-root" })))).toEqual(["airflow-worker"]);
    expect(filterRows(rows, f({ q: "nothing-like-this" }))).toEqual([]);
  });

  it("sorts by each column, both directions, ties by name", () => {
    expect(names(sortRows(rows, "name", "asc"))).toEqual([
      "airflow-worker",
      "feast-redis",
      "maestro-api",
      "maestro-worker",
      "promtail",
    ]);
    expect(names(sortRows(rows, "name", "desc"))[0]).toBe("promtail");
    // Failing: maestro-api 1 (pdb), feast-redis 1 (netpol), maestro-worker 2, promtail 2, airflow-worker 3.
    expect(names(sortRows(rows, "failing", "asc"))).toEqual([
      "feast-redis",
      "maestro-api",
      "maestro-worker",
      "promtail",
      "airflow-worker",
    ]);
    expect(names(sortRows(rows, "failing", "desc"))).toEqual([
      "airflow-worker",
      "maestro-worker",
      "promtail",
      "feast-redis",
      "maestro-api",
    ]);
    expect(names(sortRows(rows, "pss", "asc"))).toEqual([
      "maestro-api",
      "maestro-worker",
      "airflow-worker",
      "feast-redis",
      "promtail",
    ]);
    expect(names(sortRows(rows, "exception", "desc"))[0]).toBe("promtail");
    expect(names(sortRows(rows, "pattern", "asc"))[0]).toBe("maestro-api"); // app-readonly first
  });

  it("applies filters then sort, and groups by category", () => {
    const visible = applyFilters(rows, f({ exception: "no", sort: "name", dir: "desc" }));
    expect(names(visible)).toEqual(["maestro-worker", "maestro-api", "feast-redis", "airflow-worker"]);
    expect(groupByCategory(visible).map((g) => [g.category, names(g.rows)])).toEqual([
      ["Core Platform", ["maestro-worker", "maestro-api"]],
      ["Feature Store", ["feast-redis"]],
      ["Workflow Orchestration", ["airflow-worker"]],
    ]);
  });

  it("offers filter values from all rows", () => {
    expect(filterOptions(rows)).toEqual({
      categories: ["Core Platform", "Feature Store", "Logging Stack", "Workflow Orchestration"],
      patterns: ["app-readonly", "app-writable", "node-agent", "stateful"],
      failing: ["network-policy", "pod-disruption-budget", "run-as-non-root"],
      pss: ["restricted", "baseline", "privileged"],
    });
  });

  it("toggles sort direction on the same column and starts ascending on another", () => {
    expect(nextSort(DEFAULT_FILTERS, "name")).toEqual({ sort: "name", dir: "desc" });
    expect(nextSort(f({ sort: "name", dir: "desc" }), "name")).toEqual({ sort: "name", dir: "asc" });
    expect(nextSort(f({ sort: "name", dir: "desc" }), "pss")).toEqual({ sort: "pss", dir: "asc" });
  });
});

describe("server-side pages of the table", () => {
  it("reads the page parameter; anything but a positive integer is the first page", () => {
    expect(parsePage("3")).toBe(3);
    for (const bad of [null, undefined, "", "0", "-2", "1.5", "x", "1e400"]) expect(parsePage(bad)).toBe(1);
  });

  it("slices the filtered rows in display order (category, then the sort), options over all rows", () => {
    const all = groupByCategory(applyFilters(rows, f({ sort: "failing", dir: "desc" }))).flatMap(
      (g) => g.rows,
    );
    const pages = [1, 2, 3].map((p) => pageOfRows(rows, f({ sort: "failing", dir: "desc" }), p, 2));
    expect(pages.flatMap((p) => names(p.rows))).toEqual(names(all));
    expect(pages.map((p) => [p.page, p.pageCount, p.matching, p.total])).toEqual([
      [1, 3, 5, 5],
      [2, 3, 5, 5],
      [3, 3, 5, 5],
    ]);
    expect(pages[0].options).toEqual(filterOptions(rows));
  });

  it("counts only the matching rows, keeps options from every row, and clamps a page past the end", () => {
    const page = pageOfRows(rows, f({ exception: "no" }), 9, 3);
    expect([page.page, page.pageCount, page.matching, page.total]).toEqual([2, 2, 4, 5]);
    expect(names(page.rows)).toEqual(["airflow-worker"]);
    expect(page.rows).toHaveLength(1);
    expect(page.options).toEqual(filterOptions(rows));
    const none = pageOfRows(rows, f({ q: "no-such-component" }), 1, 3);
    expect([none.rows.length, none.page, none.pageCount, none.matching]).toEqual([0, 1, 1, 0]);
  });
});

describe("an index kept across requests", () => {
  // 120 rows: the fixture's five in 24 namespaces, with failures, waivers and PSS levels spread unevenly so that
  // every sort has ties (broken by name, namespace, kind) and every filter keeps some rows and drops others.
  const many = Array.from({ length: 24 }, (_, k) =>
    rows.map((row, i) => ({
      ...row,
      componentId: `${row.componentId}-${k}`,
      namespace: `${row.namespace}-${(k * 7) % 24}`,
      pssLevel: k % 5 === 0 ? null : row.pssLevel,
      controls:
        (k + i) % 3 === 0
          ? { ...row.controls, "network-policy": { status: "fail" as const } }
          : (k + i) % 4 === 0
            ? { ...row.controls, "run-as-non-root": { status: "waived" as const } }
            : row.controls,
    })),
  ).flat();
  const index = indexRows(many);
  const states: ComponentFilters[] = [
    DEFAULT_FILTERS,
    ...(["name", "pattern", "failing", "pss", "exception"] as const).flatMap((sort) =>
      (["asc", "desc"] as const).map((dir) => f({ sort, dir })),
    ),
    f({ q: "REDIS 1" }),
    f({ q: "network-policy", sort: "pss", dir: "desc" }),
    f({ category: "Feature Store", exception: "yes" }),
    f({ exception: "no", failing: "network-policy", sort: "failing" }),
    f({ pss: "baseline", pattern: "stateful" }),
    f({ pss: "restricted", dir: "desc" }),
    f({ q: "no-such-component" }),
  ];

  it("gives, page by page, the rows of the direct filter and sort, for every state, reused across calls", () => {
    for (const state of states) {
      const expected = groupByCategory(applyFilters(many, state)).flatMap((g) => g.rows);
      const pages = [1, 2, 3, 4, 5].map((p) => pageOfIndex(index, state, p, 25));
      const pageCount = Math.max(1, Math.ceil(expected.length / 25));
      expect(
        pages.slice(0, pageCount).flatMap((p) => p.rows.map((r) => r.componentId)),
        JSON.stringify(state),
      ).toEqual(expected.map((r) => r.componentId));
      for (const p of pages) {
        expect([p.pageCount, p.matching, p.total]).toEqual([pageCount, expected.length, many.length]);
        expect(p.page).toBe(Math.min(pages.indexOf(p) + 1, pageCount));
      }
    }
    expect(index.options).toEqual(filterOptions(many));
  });

  it("has filters that keep some rows and drop others (the comparison above is not vacuous)", () => {
    for (const state of states.slice(11, -1)) {
      const kept = applyFilters(many, state).length;
      expect(kept, JSON.stringify(state)).toBeGreaterThan(0);
      expect(kept, JSON.stringify(state)).toBeLessThan(many.length);
    }
  });
});
