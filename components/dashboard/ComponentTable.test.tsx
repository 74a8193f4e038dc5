// @vitest-environment jsdom
import "./test-setup";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ComponentTable } from "./ComponentTable";
import { pageOfRows, parseFilters } from "./component-filters";
import { rows } from "./test-fixtures";

/**
 * next/navigation is the framework boundary: a minimal in-memory URL. `replace` changes the query string and
 * re-renders subscribers, like the App Router does.
 */
const nav = vi.hoisted(() => {
  let url = new URL("http://localhost/projects/maestro");
  const listeners = new Set<() => void>();
  return {
    replace: (href: string) => {
      url = new URL(href, url);
      for (const l of listeners) l();
    },
    set: (href: string) => {
      url = new URL(href, "http://localhost");
    },
    search: () => url.search,
    pathname: () => url.pathname,
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
});

const replace = vi.fn((href: string, _options?: { scroll?: boolean }) => nav.replace(href));
const push = vi.fn();

vi.mock("next/navigation", async () => {
  const { useSyncExternalStore } = await import("react");
  return {
    useSearchParams: () => new URLSearchParams(useSyncExternalStore(nav.subscribe, nav.search)),
    usePathname: () => useSyncExternalStore(nav.subscribe, nav.pathname),
    useRouter: () => ({ replace, push }),
  };
});

const names = (list: { name: string }[]) => list.map((r) => r.name);
const visibleNames = () =>
  screen.queryAllByRole("rowheader").map((th) => within(th).getByRole("link").textContent);

beforeEach(() => {
  nav.set("/projects/maestro?env=production");
  replace.mockClear();
});

describe("ComponentTable", () => {
  it("renders one table per category with caption, column headers and links to the component page", () => {
    render(<ComponentTable rows={rows} basePath="/projects/maestro/" />);
    const tables = screen.getAllByRole("table");
    expect(tables.map((t) => t.querySelector("caption")?.textContent)).toEqual([
      "Core Platform (2 components)",
      "Feature Store (1 component)",
      "Logging Stack (1 component)",
      "Workflow Orchestration (1 component)",
    ]);
    expect(
      within(tables[0])
        .getAllByRole("columnheader")
        .map((h) => h.textContent?.replace(/[▲▼↕]/g, "")),
    ).toEqual(["Component", "Pattern", "Security features", "Failing controls", "PSS level", "Exception"]);
    expect(screen.getByRole("link", { name: "promtail" }).getAttribute("href")).toBe(
      "/projects/maestro/components/cmp-promtail",
    );
    const promtailRow = screen.getByRole("link", { name: "promtail" }).closest("tr") as HTMLElement;
    expect(promtailRow.textContent).toContain("DaemonSet (node agent)");
    expect(promtailRow.textContent).toContain("2 failing");
    expect(promtailRow.textContent).toContain("Exception");
    expect(promtailRow.textContent).toContain("run-as-non-root: Reads root-owned node log files");
    expect(within(promtailRow).getByRole("list", { name: /Security features/ }).textContent).toContain(
      "+DAC_READ_SEARCH",
    );
  });

  it("sorts by clicking a column header: aria-sort reflects it and the URL keeps it (replace, not push)", async () => {
    const user = userEvent.setup();
    render(<ComponentTable rows={rows} basePath="/projects/maestro" />);
    const header = () => screen.getAllByRole("columnheader", { name: /Failing controls/ })[0];
    expect(header().getAttribute("aria-sort")).toBeNull();
    expect(screen.getAllByRole("columnheader", { name: /Component/ })[0].getAttribute("aria-sort")).toBe(
      "ascending",
    );

    await user.click(within(header()).getByRole("button"));
    expect(replace).toHaveBeenLastCalledWith("/projects/maestro?env=production&sort=failing&dir=asc", {
      scroll: false,
    });
    expect(header().getAttribute("aria-sort")).toBe("ascending");

    await user.click(within(header()).getByRole("button"));
    expect(header().getAttribute("aria-sort")).toBe("descending");
    expect(nav.search()).toBe("?env=production&sort=failing&dir=desc");
    // Core Platform: maestro-worker (2 failing) before maestro-api (1).
    expect(visibleNames().slice(0, 2)).toEqual(["maestro-worker", "maestro-api"]);
    expect(push).not.toHaveBeenCalled();
  });

  it("sorts from the keyboard", async () => {
    const user = userEvent.setup();
    render(<ComponentTable rows={rows} basePath="/p" />);
    const button = within(screen.getAllByRole("columnheader", { name: /Component/ })[0]).getByRole("button");
    button.focus();
    await user.keyboard("{Enter}");
    expect(nav.search()).toBe("?env=production&sort=name&dir=desc");
    expect(visibleNames().slice(0, 2)).toEqual(["maestro-worker", "maestro-api"]);
  });

  it("filters with the labelled selects and writes each filter to the query string", async () => {
    const user = userEvent.setup();
    render(<ComponentTable rows={rows} basePath="/p" />);
    await user.selectOptions(screen.getByLabelText("Failing control"), "network-policy");
    expect(nav.search()).toBe("?env=production&failing=network-policy");
    expect(visibleNames()).toEqual(["maestro-worker", "feast-redis", "promtail", "airflow-worker"]);

    await user.selectOptions(screen.getByLabelText("PSS level"), "baseline");
    expect(nav.search()).toBe("?env=production&failing=network-policy&pss=baseline");
    expect(visibleNames()).toEqual(["feast-redis", "airflow-worker"]);
    expect(screen.getByText("2 of 5 components match")).toBeDefined();

    await user.selectOptions(screen.getByLabelText("Category"), "Core Platform");
    expect(visibleNames()).toEqual([]);
    expect(screen.getByText("No component matches these filters.")).toBeDefined();

    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(nav.search()).toBe("?env=production");
    expect(visibleNames()).toHaveLength(5);
  });

  it("filters by pattern and by exception", async () => {
    const user = userEvent.setup();
    render(<ComponentTable rows={rows} basePath="/p" />);
    await user.selectOptions(screen.getByLabelText("Pattern"), "Stateful (persistent volumes)");
    expect(visibleNames()).toEqual(["feast-redis"]);
    await user.selectOptions(screen.getByLabelText("Pattern"), "All");
    await user.selectOptions(screen.getByLabelText("Exception"), "With exception");
    expect(nav.search()).toBe("?env=production&exception=yes");
    expect(visibleNames()).toEqual(["promtail"]);
  });

  it("searches as you type and keeps the text in the URL", async () => {
    const user = userEvent.setup();
    render(<ComponentTable rows={rows} basePath="/p" />);
    await user.type(screen.getByRole("searchbox", { name: "Search" }), "redis");
    expect(screen.getByRole("searchbox", { name: "Search" })).toHaveProperty("value", "redis");
    expect(nav.search()).toBe("?env=production&q=redis");
    expect(visibleNames()).toEqual(["feast-redis"]);
  });

  it("restores the whole view from a link (URL → state)", () => {
    nav.set("/projects/maestro?q=worker&category=Core+Platform&sort=name&dir=desc");
    render(<ComponentTable rows={rows} basePath="/p" />);
    expect(visibleNames()).toEqual(["maestro-worker"]);
    expect(screen.getByRole("searchbox", { name: "Search" })).toHaveProperty("value", "worker");
    expect(screen.getByLabelText("Category")).toHaveProperty("value", "Core Platform");
    expect(screen.getAllByRole("columnheader", { name: /Component/ })[0].getAttribute("aria-sort")).toBe(
      "descending",
    );
  });

  it("follows URL changes made elsewhere (back/forward)", () => {
    render(<ComponentTable rows={rows} basePath="/p" />);
    expect(visibleNames()).toHaveLength(5);
    act(() => nav.replace("/projects/maestro?pss=privileged"));
    expect(visibleNames()).toEqual(["promtail"]);
  });

  it("shows an empty state without rows", () => {
    render(<ComponentTable rows={[]} basePath="/p" />);
    expect(screen.getByText("No components in this scan.")).toBeDefined();
  });

  it("server-side pages: shows the page it is given, links to the others with the filters kept, and a filter change goes back to page 1", async () => {
    nav.set("/projects/maestro/components?sort=name&dir=desc&page=2");
    const { rows: page, ...paging } = pageOfRows(rows, parseFilters(new URLSearchParams(nav.search())), 2, 2);
    const user = userEvent.setup();
    render(<ComponentTable rows={page} paging={paging} basePath="/p" />);
    expect(visibleNames()).toEqual(names(page));
    expect(screen.getByText("5 components (page 2 of 3, 50 per page)")).toBeDefined();
    const pages = screen.getByRole("navigation", { name: "Pages of components" });
    expect(within(pages).getByText("2").getAttribute("aria-current")).toBe("page");
    expect(within(pages).getByRole("link", { name: "Page 3" }).getAttribute("href")).toBe(
      "/projects/maestro/components?sort=name&dir=desc&page=3",
    );
    expect(within(pages).getByRole("link", { name: "Previous" }).getAttribute("href")).toBe(
      "/projects/maestro/components?sort=name&dir=desc",
    );
    // Options come from every row, not only this page's two.
    expect(within(screen.getByLabelText("Category")).getAllByRole("option")).toHaveLength(
      1 + new Set(rows.map((r) => r.category)).size,
    );
    await user.selectOptions(screen.getByLabelText("PSS level"), "baseline");
    expect(nav.search()).toBe("?pss=baseline&sort=name&dir=desc");
  });
});
