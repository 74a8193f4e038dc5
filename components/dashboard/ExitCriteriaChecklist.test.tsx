// @vitest-environment jsdom
import "./test-setup";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { computePhaseFigures } from "@/lib/metrics";
import { ExitCriteriaChecklist } from "./ExitCriteriaChecklist";
import { phase, program, scans } from "./test-fixtures";

const figures = computePhaseFigures(program, phase, { production: scans[2] });
/** Phase 2's start to a "today" inside it. */
const doneOnRange = { min: phase.start, max: "2025-11-20" };

describe("ExitCriteriaChecklist", () => {
  it("groups criteria per period and for the phase, with met counts", () => {
    render(<ExitCriteriaChecklist criteria={figures.exitCriteria} phaseName="Phase 2" onToggle={() => {}} />);
    const headings = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(headings[0]).toMatch(/^Week 1 Criteria \(\d of 5 met\)$/);
    expect(headings).toHaveLength(phase.weeks.length + 1);
    expect(headings[headings.length - 1]).toMatch(/^Phase 2 Exit Criteria/);
  });

  it("shows automatic criteria with their evidence and a disabled checkbox explaining why", async () => {
    const onToggle = vi.fn();
    const user = userEvent.setup();
    render(<ExitCriteriaChecklist criteria={figures.exitCriteria} onToggle={onToggle} />);
    const box = screen.getByRole("checkbox", { name: /50%\+ of production deployments hardened/ });
    expect(box).toHaveProperty("disabled", true);
    expect(box).toHaveProperty("checked", true);
    // The description carries the evidence and where the verdict comes from.
    const describedBy = box.getAttribute("aria-describedby")?.split(" ") ?? [];
    const description = describedBy.map((id) => document.getElementById(id)?.textContent).join(" ");
    expect(description).toContain("computed from scan data");
    expect(description).toMatch(/4 of 5 components pass/);
    await user.click(box);
    expect(onToggle).not.toHaveBeenCalled();
    expect(box).toHaveProperty("checked", true);

    const initiated = screen.getByRole("checkbox", { name: /PDBs initiated/ });
    expect(initiated).toHaveProperty("disabled", true);
    const item = initiated.closest("li") as HTMLElement;
    expect(within(item).getByText("Met")).toBeDefined();
    expect(item.textContent).toContain("Automatic: computed from scan data");
  });

  it("manual criteria are real checkboxes: clicking calls onToggle(id, met, note, doneOn)", async () => {
    const onToggle = vi.fn();
    const user = userEvent.setup();
    render(
      <ExitCriteriaChecklist criteria={figures.exitCriteria} onToggle={onToggle} doneOnRange={doneOnRange} />,
    );
    const approved = screen.getByRole("checkbox", { name: /Phase 2 plan created and approved/ });
    expect(approved).toHaveProperty("disabled", false);
    expect(approved).toHaveProperty("checked", true);
    // The note input starts with the recorded note.
    const noteInputs = screen.getAllByRole("textbox", { name: "Note (optional)" });
    expect(noteInputs[0]).toHaveProperty("value", "PHASE2_PLAN.md (8-week roadmap)");
    await user.click(approved);
    expect(onToggle).toHaveBeenCalledWith("w1-plan-approved", false, "PHASE2_PLAN.md (8-week roadmap)");

    const rbac = screen.getByRole("checkbox", { name: /RBAC enforcement started/ });
    expect(rbac).toHaveProperty("checked", false);
    const rbacNote = within(rbac.closest("li") as HTMLElement).getByRole("textbox", {
      name: "Note (optional)",
    });
    await user.type(rbacNote, "  middleware merged ");
    // The done-on day: today unless picked, within the phase's start and today.
    const rbacOn = within(rbac.closest("li") as HTMLElement).getByLabelText(
      "Done on (RBAC enforcement started on API endpoints)",
    );
    expect(rbacOn).toHaveProperty("value", "2025-11-20");
    expect(rbacOn.getAttribute("min")).toBe("2025-10-05");
    expect(rbacOn.getAttribute("max")).toBe("2025-11-20");
    await user.clear(rbacOn);
    await user.type(rbacOn, "2025-10-14");
    await user.click(rbac);
    expect(onToggle).toHaveBeenLastCalledWith("w23-rbac-started", true, "middleware merged", "2025-10-14");
    // A ticked criterion has no done-on input: its evidence says the day.
    expect(within(approved.closest("li") as HTMLElement).queryByLabelText(/^Done on/)).toBeNull();
  });

  it("a period's criterion done outside the period says so", () => {
    const ticked = computePhaseFigures(
      program,
      phase,
      { production: scans[2] },
      {
        state: {
          criteria: { "w23-rbac-started": { on: "2025-10-30", at: "2025-11-02T10:00:00Z", by: "ana" } },
        },
      },
    );
    render(
      <ExitCriteriaChecklist criteria={ticked.exitCriteria} onToggle={() => {}} doneOnRange={doneOnRange} />,
    );
    const item = screen.getByRole("checkbox", { name: /RBAC enforcement started/ }).closest("li");
    expect(item?.textContent).toContain("Ticked by ana on 2025-10-30");
    expect(item?.textContent).toContain("done 2025-10-30, outside Week 2-3");
  });

  it("is keyboard operable: Space toggles the focused manual checkbox", async () => {
    const onToggle = vi.fn();
    const user = userEvent.setup();
    render(<ExitCriteriaChecklist criteria={figures.exitCriteria} onToggle={onToggle} />);
    const report = screen.getByRole("checkbox", { name: /Phase 2 completion report published/ });
    report.focus();
    expect(document.activeElement).toBe(report);
    await user.keyboard(" ");
    expect(onToggle).toHaveBeenCalledWith("w68-completion-report", true, "", undefined);
    // Tab skips disabled (automatic) checkboxes and reaches the note field next (no done-on input without a range).
    await user.tab();
    expect(document.activeElement).toBe(
      within(report.closest("li") as HTMLElement).getByRole("textbox", { name: "Note (optional)" }),
    );
  });

  it("is controlled: the parent's new criteria show the new state", () => {
    const { rerender } = render(
      <ExitCriteriaChecklist criteria={figures.exitCriteria} onToggle={() => {}} />,
    );
    const rbac = () => screen.getByRole("checkbox", { name: /RBAC enforcement started/ });
    expect(rbac()).toHaveProperty("checked", false);
    const ticked = computePhaseFigures(
      program,
      phase,
      { production: scans[2] },
      {
        state: { criteria: { "w23-rbac-started": { at: "2025-10-20T10:00:00Z", by: "ana" } } },
      },
    );
    rerender(
      <ExitCriteriaChecklist
        criteria={ticked.exitCriteria}
        onToggle={() => {}}
        pending={new Set(["w23-rbac-started"])}
      />,
    );
    expect(rbac()).toHaveProperty("checked", true);
    expect(rbac().closest("li")?.textContent).toContain("Ticked by ana on 2025-10-20");
    expect(rbac().closest("li")?.textContent).toContain("saving…");
  });

  it("without onToggle, manual criteria are read-only", () => {
    render(<ExitCriteriaChecklist criteria={figures.exitCriteria} />);
    expect(screen.getByRole("checkbox", { name: /RBAC enforcement started/ })).toHaveProperty(
      "disabled",
      true,
    );
    expect(screen.queryByRole("textbox")).toBeNull();
  });

  it("has an empty state", () => {
    render(<ExitCriteriaChecklist criteria={{ periods: [], phase: [] }} />);
    expect(screen.getByText("No exit criteria defined for this phase.")).toBeDefined();
  });
});
