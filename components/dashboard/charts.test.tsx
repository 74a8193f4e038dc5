// @vitest-environment jsdom
import "./test-setup";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { computeBurnUp, computePhaseProgress, controlRate } from "@/lib/metrics";
import { BurnUpChart, burnUpData } from "./BurnUpChart";
import { scanLabels } from "./ChartFigure";
import { ControlTrendChart } from "./ControlTrendChart";
import { RoadmapTimeline, timelineRows } from "./RoadmapTimeline";
import { seriesStyles } from "./SizedChart";
import { phase, scans } from "./test-fixtures";

const HARDENING = ["run-as-non-root", "capabilities-drop-all", "seccomp-profile", "no-privilege-escalation"];

describe("RoadmapTimeline", () => {
  const progress = computePhaseProgress(phase, { production: scans[1] }).workStreams;

  it("draws one bar per work stream over its planned weeks, with periods and the as-of marker", () => {
    const { container } = render(
      <RoadmapTimeline phase={phase} progress={progress} asOf="2025-10-14" width={1100} />,
    );
    expect(container.querySelector(".recharts-wrapper > svg")).not.toBeNull();
    const series = container.querySelectorAll(".recharts-bar");
    expect(series).toHaveLength(3); // offset, done, remaining (stacked)
    // "Remaining" series: one rectangle per work stream (each has planned weeks left or is not done).
    const remaining = series[2].querySelectorAll(".recharts-bar-rectangle");
    expect(remaining).toHaveLength(phase.workStreams.length);
    for (const label of ["Week 1", "Week 2-3", "Week 4-5", "Week 6-8"]) {
      expect(container.querySelector(".recharts-wrapper > svg")?.textContent).toContain(label);
    }
    expect(container.querySelector(".recharts-wrapper > svg")?.textContent).toContain("As of Oct 14");
    const figure = screen.getByRole("figure", { name: /Production Hardening roadmap/ });
    const table = within(figure).getByRole("table", { hidden: true });
    expect(within(table).getAllByRole("row", { hidden: true })).toHaveLength(phase.workStreams.length + 1);
    expect(table.textContent).toContain("K8s Security Hardening");
  });

  it("computes offsets, spans and progress shading from the phase's weeks", () => {
    const rows = timelineRows(phase, progress);
    const k8s = rows.find((r) => r.id === "k8s-hardening");
    const monitoring = rows.find((r) => r.id === "monitoring");
    expect(k8s).toMatchObject({ offset: 0, start: "2025-10-05", end: "2025-10-25" });
    expect(k8s && k8s.done + k8s.remaining).toBe(21);
    expect(k8s?.done).toBeCloseTo(21 * (progress.find((p) => p.id === "k8s-hardening")?.progress ?? 0));
    // Week 5-8 of a phase ending on a Saturday (2025-11-29): 4 full weeks.
    expect(monitoring).toMatchObject({
      offset: 28,
      start: "2025-11-02",
      end: "2025-11-29",
      done: 0,
      remaining: 28,
    });
  });

  it("leaves out the marker when as-of is outside the phase", () => {
    const { container } = render(<RoadmapTimeline phase={phase} asOf="2026-01-01" width={1100} />);
    expect(container.querySelector(".recharts-wrapper > svg")?.textContent).not.toContain("As of");
  });
});

describe("BurnUpChart", () => {
  const burnUp = computeBurnUp(scans, {
    controls: HARDENING,
    window: { start: phase.start, end: "2025-10-25" },
  });

  it("draws the hardened series and the plan line, with the numbers in a hidden table", () => {
    const { container } = render(<BurnUpChart burnUp={burnUp} width={800} />);
    expect(container.querySelector(".recharts-wrapper > svg")).not.toBeNull();
    expect(container.querySelectorAll(".recharts-line")).toHaveLength(2);
    // One dot per scan on the hardened line.
    expect(container.querySelectorAll(".recharts-line-dots circle")).toHaveLength(3);
    const figure = screen.getByRole("figure", { name: /burn-up/ });
    const rows = within(figure).getAllByRole("row", { hidden: true });
    expect(rows.map((r) => r.textContent)).toEqual([
      "ScanHardenedIn scopePlanned",
      `2025-10-05${burnUp.points[0].hardened}5${Math.round(burnUp.points[0].planned * 10) / 10}`,
      `2025-10-12${burnUp.points[1].hardened}5${Math.round(burnUp.points[1].planned * 10) / 10}`,
      `2025-10-19${burnUp.points[2].hardened}5${Math.round(burnUp.points[2].planned * 10) / 10}`,
    ]);
    expect(burnUp.points.map((p) => p.hardened)).toEqual([1, 3, 4]);
    // The legend says where the plan line comes from: the work stream's planned end, not the phase's.
    expect(container.querySelector(".recharts-legend-wrapper")?.textContent).toContain(
      "Plan (5 by 2025-10-25, the stream's planned end)",
    );
  });

  it("puts the plan's two ends and the scans on one time axis", () => {
    const data = burnUpData(burnUp);
    expect(data).toHaveLength(5);
    expect(data[0]).toEqual({ t: Date.parse("2025-10-05T00:00:00Z"), planned: 0 });
    expect(data[4]).toEqual({ t: Date.parse("2025-10-26T00:00:00Z"), planned: 5 });
  });

  it("labels two scans of one day apart (with their time) on the axis and in the table", () => {
    const sameDay = computeBurnUp(
      [
        { ...scans[0], takenAt: "2025-10-05T08:30:00Z" },
        { ...scans[1], takenAt: "2025-10-05T17:45:00Z" },
        { ...scans[2], takenAt: "2025-10-12T09:00:00Z" },
      ],
      { controls: HARDENING, window: { start: phase.start, end: "2025-10-25" } },
    );
    const { container } = render(<BurnUpChart burnUp={sameDay} width={800} />);
    const ticks = [...container.querySelectorAll(".recharts-xAxis-tick-labels text")].map(
      (t) => t.textContent,
    );
    // The plan's start shares its day with the first scans: only the plan's end gets its own tick.
    expect(ticks).toEqual(["Oct 5 08:30", "Oct 5 17:45", "Oct 12", "Oct 26"]);
    const rows = within(screen.getByRole("figure", { name: /burn-up/ }))
      .getAllByRole("rowheader", { hidden: true })
      .map((r) => r.textContent);
    expect(rows).toEqual(["2025-10-05 08:30", "2025-10-05 17:45", "2025-10-12"]);
  });

  it("has an empty state", () => {
    render(<BurnUpChart burnUp={computeBurnUp([], { controls: HARDENING, window: phase })} />);
    expect(screen.getByText(/No scans yet/)).toBeDefined();
  });
});

describe("ControlTrendChart", () => {
  const controls = [
    { control: "run-as-non-root", label: "runAsNonRoot" },
    { control: "seccomp-profile", label: "Seccomp" },
    { control: "network-policy", label: "Network policies" },
  ];
  const points = scans.map((s) => ({
    takenAt: s.takenAt,
    rates: controls.map((c) => controlRate(s, c.control)),
  }));

  it("draws one line per control with a legend and a percent axis", () => {
    const { container } = render(<ControlTrendChart points={points} controls={controls} width={800} />);
    expect(container.querySelectorAll(".recharts-line")).toHaveLength(3);
    const legend = container.querySelector(".recharts-legend-wrapper");
    expect(legend?.textContent).toContain("runAsNonRoot");
    expect(legend?.textContent).toContain("Network policies");
    expect(container.querySelector(".recharts-yAxis-tick-labels")?.textContent).toContain("100%");
  });

  it("lists the rates per scan in the hidden table (pass / (pass + fail), exceptions outside)", () => {
    render(<ControlTrendChart points={points} controls={controls} width={800} />);
    const figure = screen.getByRole("figure", { name: /Control pass rate/ });
    const rows = within(figure)
      .getAllByRole("row", { hidden: true })
      .map((r) => r.textContent);
    // Last scan: runAsNonRoot 3 pass, 1 fail, promtail waived → 75%.
    expect(rows[3]).toBe("2025-10-1975%100%20%");
    expect(rows[1]).toBe("2025-10-0540%80%0%");
  });

  it("has an empty state", () => {
    render(<ControlTrendChart points={[]} />);
    expect(screen.getByText(/No scans yet/)).toBeDefined();
  });

  it("says a trend needs a second scan when there is one, instead of claiming there is none", () => {
    const { container } = render(<ControlTrendChart points={points.slice(0, 1)} controls={controls} />);
    expect(
      screen.getByText(/one scan so far \(2025-10-05\); the trend starts with the second scan/),
    ).toBeDefined();
    expect(screen.queryByText(/No scans yet/)).toBeNull();
    expect(container.querySelector("figure")).toBeNull();
  });

  it("gives every series its own colour, however many controls are charted", () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ control: `c${i}`, label: `Control ${i}` }));
    const manyPoints = points.map((p, i) => ({
      takenAt: p.takenAt,
      rates: many.map((c) => ({ ...p.rates[0], control: c.control, rate: (i + 1) / 4 })),
    }));
    const { container } = render(<ControlTrendChart points={manyPoints} controls={many} width={800} />);
    const strokes = [...container.querySelectorAll(".recharts-line-curve")].map((l) =>
      l.getAttribute("stroke"),
    );
    expect(strokes).toHaveLength(11);
    expect(new Set(strokes).size).toBe(11);
    for (const n of [1, 6, 7, 20, 50]) expect(new Set(seriesStyles(n).map((s) => s.stroke)).size).toBe(n);
  });

  it("labels two scans of one day apart (with their time) on the axis and in the table", () => {
    const sameDay = [
      { takenAt: "2025-10-05T08:30:00Z", rates: points[0].rates },
      { takenAt: "2025-10-05T17:45:00Z", rates: points[1].rates },
      { takenAt: "2025-10-12T09:00:00Z", rates: points[2].rates },
    ];
    const { container } = render(<ControlTrendChart points={sameDay} controls={controls} width={800} />);
    const ticks = [...container.querySelectorAll(".recharts-xAxis-tick-labels text")].map(
      (t) => t.textContent,
    );
    expect(ticks).toEqual(["Oct 5 08:30", "Oct 5 17:45", "Oct 12"]);
    const rows = within(screen.getByRole("figure", { name: /Control pass rate/ }))
      .getAllByRole("rowheader", { hidden: true })
      .map((r) => r.textContent);
    expect(rows).toEqual(["2025-10-05 08:30", "2025-10-05 17:45", "2025-10-12"]);
  });
});

describe("scanLabels", () => {
  it("adds the time only where a day is shared, and the scan's number where the minute is too", () => {
    const t = (iso: string) => Date.parse(iso);
    expect(scanLabels([t("2025-10-05T08:30:00Z"), t("2025-10-06T08:30:00Z")])).toEqual({
      short: ["Oct 5", "Oct 6"],
      long: ["2025-10-05", "2025-10-06"],
      collide: false,
    });
    expect(
      scanLabels([t("2025-10-05T08:30:00Z"), t("2025-10-05T08:30:30Z"), t("2025-10-05T09:00:00Z")]).long,
    ).toEqual(["2025-10-05 08:30 #1", "2025-10-05 08:30 #2", "2025-10-05 09:00"]);
  });
});
