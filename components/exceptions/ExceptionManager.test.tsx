// @vitest-environment jsdom
import "@/components/dashboard/test-setup";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { StoredExceptionItem } from "@/lib/server/find-exceptions";
import { ExceptionManager } from "./ExceptionManager";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));

const item = (over: Partial<StoredExceptionItem>): StoredExceptionItem => ({
  id: "e",
  environment: null,
  selector: { kind: "Deployment", namespace: null, name: "legacy" },
  control: "run-as-non-root",
  controlTitle: "Containers run as a non-root user",
  justification: "Vendor image",
  owner: "apps-team",
  expires: null,
  state: "active",
  daysLeft: null,
  active: true,
  createdBy: "admin@example.com",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  components: [],
  ...over,
});

const ITEMS = [
  item({ id: "never", owner: "zeta-team", justification: "Never expires" }),
  item({
    id: "expired",
    control: "seccomp-profile",
    expires: "2026-01-31",
    state: "expired",
    daysLeft: -30,
    active: false,
    justification: "Lapsed waiver",
    components: [
      {
        componentId: "c1",
        kind: "Deployment",
        namespace: "apps",
        name: "legacy",
        environment: "production",
        status: "fail",
      },
    ],
  }),
  item({
    id: "soon",
    expires: "2026-03-05",
    state: "expiring",
    daysLeft: 3,
    justification: "Ends soon",
    components: [
      {
        componentId: "c1",
        kind: "Deployment",
        namespace: "apps",
        name: "legacy",
        environment: "production",
        status: "waived",
      },
    ],
  }),
];

function renderManager(canEdit: boolean) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <ExceptionManager
        slug="demo"
        items={ITEMS}
        canEdit={canEdit}
        controls={[{ id: "run-as-non-root", title: "Containers run as a non-root user" }]}
        environments={["production"]}
        expiringWithinDays={14}
      />
    </QueryClientProvider>,
  );
}

const bodyRows = () => screen.getAllByRole("row").slice(1);

describe("ExceptionManager", () => {
  it("lists the expired first, flags them and those expiring soon, and says what each waives", () => {
    renderManager(false);
    expect(screen.getByText(/1 expired/)).toBeTruthy();
    const [expired, soon, never] = bodyRows();
    expect(within(expired).getByText("Lapsed waiver")).toBeTruthy();
    expect(within(expired).getByText("Expired")).toBeTruthy();
    expect(expired.getAttribute("data-state")).toBe("expired");
    expect(within(expired).getByText("1 failing")).toBeTruthy();
    expect(within(soon).getByText("Expires in 3 days")).toBeTruthy();
    expect(within(soon).getByRole("link", { name: "legacy" }).getAttribute("href")).toBe(
      "/projects/demo/components/c1",
    );
    expect(within(never).getByText("No expiry")).toBeTruthy();
    expect(within(never).getByText("No component of the latest scans matches.")).toBeTruthy();
  });

  it("filters by state and text, and sorts by owner", async () => {
    const user = userEvent.setup();
    renderManager(false);
    await user.selectOptions(screen.getByLabelText("State"), "expiring");
    expect(bodyRows().map((r) => r.getAttribute("id"))).toEqual(["exception-soon"]);
    await user.selectOptions(screen.getByLabelText("State"), "all");
    await user.type(screen.getByLabelText("Search"), "zeta");
    expect(bodyRows().map((r) => r.getAttribute("id"))).toEqual(["exception-never"]);
    await user.type(screen.getByLabelText("Search"), "-nobody");
    expect(screen.getByText("No exception matches these filters.")).toBeTruthy();
    await user.clear(screen.getByLabelText("Search"));
    await user.selectOptions(screen.getByLabelText("Sort by"), "owner");
    // apps-team before zeta-team; the same owner by control.
    expect(bodyRows().map((r) => r.getAttribute("id"))).toEqual([
      "exception-soon",
      "exception-expired",
      "exception-never",
    ]);
  });

  it("offers add, edit and revoke to editors only; revoking asks for a confirmation", async () => {
    renderManager(false);
    expect(screen.queryByRole("button", { name: "Add an exception" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Edit/ })).toBeNull();
    renderManager(true);
    const user = userEvent.setup();
    await user.click(screen.getAllByRole("button", { name: /^Revoke the exception for seccomp-profile/ })[0]);
    expect(screen.getByRole("button", { name: "Confirm revoke" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Keep" }));
    expect(screen.queryByRole("button", { name: "Confirm revoke" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Add an exception" }));
    expect(screen.getByRole("form", { name: "Add an exception" })).toBeTruthy();
  });
});
