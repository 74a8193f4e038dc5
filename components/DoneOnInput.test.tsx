// @vitest-environment jsdom
import "./dashboard/test-setup";
import { render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DoneOnInput } from "./DoneOnInput";

const props = {
  title: "RBAC",
  range: { min: "2025-10-01", max: "2025-11-20" },
  value: "2025-11-20",
  onChange() {},
};

describe("DoneOnInput", () => {
  it("is disabled in the server's HTML, so a day picked before hydration is never silently reset", () => {
    const html = renderToString(<DoneOnInput {...props} />);
    expect(html).toMatch(/<input[^>]*disabled/);
  });

  it("is enabled once React runs in the browser, within the phase's range", () => {
    render(<DoneOnInput {...props} />);
    const input = screen.getByLabelText("Done on (RBAC)");
    expect(input).toHaveProperty("disabled", false);
    expect(input.getAttribute("min")).toBe("2025-10-01");
    expect(input.getAttribute("max")).toBe("2025-11-20");
  });
});
