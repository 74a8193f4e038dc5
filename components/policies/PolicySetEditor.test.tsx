// @vitest-environment jsdom
import "@/components/dashboard/test-setup";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PolicySetEditor } from "./PolicySetEditor";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));

afterEach(() => vi.restoreAllMocks());

describe("PolicySetEditor", () => {
  it("refuses a name that is not a Kubernetes name with the schema's message (loaded on demand), sending nothing", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <PolicySetEditor slug="shop" entries={[]} canEdit />
      </QueryClientProvider>,
    );
    await user.click(screen.getByRole("button", { name: "Add a policy" }));
    const form = screen.getByRole("form", { name: "Add a policy" });
    await user.type(within(form).getByLabelText("Name"), "Trusted_Registry");
    await user.type(within(form).getByLabelText(/^YAML/), "kind: ValidatingAdmissionPolicy");
    await user.click(within(form).getByRole("button", { name: "Add policy" }));
    expect(await within(form).findByRole("alert")).toHaveProperty(
      "textContent",
      "Not saved: Name: lower-case letters, digits, dots and dashes (a Kubernetes name)",
    );
    expect(within(form).getByLabelText("Name").getAttribute("aria-invalid")).toBe("true");
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
