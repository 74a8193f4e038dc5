"use client";

import { Bar, BarChart, CartesianGrid, ReferenceArea, ReferenceLine, XAxis, YAxis } from "recharts";
import type { WorkStreamProgress } from "@/lib/metrics";
import { formatPercent } from "@/lib/metrics/format";
import type { Phase } from "@/lib/program";
import { ChartFigure, shortDate } from "./ChartFigure";
import styles from "./Dashboard.module.css";
import own from "./RoadmapTimeline.module.css";
import { SizedChart } from "./SizedChart";

export type RoadmapTimelineProps = {
  /** The program's phase (program.phases[n]): dates, periods ("Week 1", "Week 2-3") and work streams' week spans. */
  phase: Pick<Phase, "name" | "start" | "end" | "weeks" | "workStreams">;
  /** computePhaseProgress(...).workStreams, for the progress shading (by work stream id). */
  progress?: readonly WorkStreamProgress[];
  /** The "as of" marker (a date or date-time); none when omitted or outside the phase. */
  asOf?: string | Date;
  /** Fixed width in px (tests, screenshots); responsive when omitted. */
  width?: number;
};

const DAY = 86_400_000;
const dayIndex = (start: string, date: string | Date) =>
  Math.floor((new Date(date).getTime() - Date.parse(`${start}T00:00:00Z`)) / DAY);
const dateAt = (start: string, day: number) => new Date(Date.parse(`${start}T00:00:00Z`) + day * DAY);

export type TimelineRow = {
  id: string;
  name: string;
  from: number;
  to: number;
  /** Days from the phase start to the stream's first day. */
  offset: number;
  done: number;
  remaining: number;
  progress: number | null;
  start: string;
  end: string;
};

/** One row per work stream over its planned weeks (capped at the phase's end), split into done / remaining. */
export function timelineRows(
  phase: RoadmapTimelineProps["phase"],
  progress: readonly WorkStreamProgress[] = [],
): TimelineRow[] {
  const totalDays = dayIndex(phase.start, `${phase.end}T00:00:00Z`) + 1;
  const byId = new Map(progress.map((p) => [p.id, p.progress]));
  return phase.workStreams.map((ws) => {
    const offset = Math.min(totalDays, (ws.weeks.from - 1) * 7);
    const endDay = Math.min(totalDays, ws.weeks.to * 7);
    const span = Math.max(0, endDay - offset);
    const p = byId.get(ws.id) ?? null;
    const done = span * Math.min(1, Math.max(0, p ?? 0));
    return {
      id: ws.id,
      name: ws.name,
      from: ws.weeks.from,
      to: ws.weeks.to,
      offset,
      done,
      remaining: span - done,
      progress: p,
      start: dateAt(phase.start, offset).toISOString().slice(0, 10),
      end: dateAt(phase.start, endDay - 1)
        .toISOString()
        .slice(0, 10),
    };
  });
}

const weeksText = (from: number, to: number) => (from === to ? `Week ${from}` : `Week ${from}-${to}`);

/** Gantt-like week timeline of a phase: periods as bands, one bar per work stream, progress shading, as-of marker. */
export function RoadmapTimeline({ phase, progress, asOf, width }: RoadmapTimelineProps) {
  const rows = timelineRows(phase, progress);
  const title = `${phase.name} roadmap`;
  if (rows.length === 0)
    return <p className={`card muted ${styles.empty}`}>No work streams to show on the roadmap.</p>;
  const totalDays = dayIndex(phase.start, `${phase.end}T00:00:00Z`) + 1;
  const ticks = Array.from({ length: Math.ceil(totalDays / 7) }, (_, i) => i * 7);
  const asOfDay = asOf !== undefined ? dayIndex(phase.start, asOf) : null;
  const marker = asOfDay !== null && asOfDay >= 0 && asOfDay < totalDays ? asOfDay + 0.5 : null;
  // Two label lines above the bars: the periods', then the "as of" marker's (inside the plot it covered bars).
  const height = 86 + rows.length * 36;

  return (
    <ChartFigure
      title={title}
      summary={`${shortDate(`${phase.start}T00:00:00Z`)} – ${shortDate(`${phase.end}T00:00:00Z`)}${
        marker !== null && asOf !== undefined ? `, as of ${shortDate(asOf)}` : ""
      }`}
      table={{
        caption: `${title}: planned weeks and progress per work stream`,
        columns: ["Work stream", "Planned", "Dates", "Progress"],
        rows: rows.map((r) => [
          r.name,
          weeksText(r.from, r.to),
          `${r.start} to ${r.end}`,
          r.progress === null ? "n/a" : formatPercent(r.progress),
        ]),
      }}
    >
      <SizedChart width={width} height={height}>
        <BarChart
          // The figure's hidden table is what assistive technology reads; the drawing takes no keyboard focus.
          accessibilityLayer={false}
          data={rows}
          layout="vertical"
          margin={{ top: 40, right: 24, bottom: 8, left: 8 }}
          barSize={18}
        >
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          {phase.weeks.map((p, i) => (
            <ReferenceArea
              key={p.id}
              x1={(p.from - 1) * 7}
              x2={Math.min(totalDays, p.to * 7)}
              fill={i % 2 === 0 ? "#eef1f5" : "#f8fafc"}
              fillOpacity={1}
              ifOverflow="hidden"
              label={{ value: p.label, position: "insideTop", fill: "#4b5563", fontSize: 12, dy: -36 }}
            />
          ))}
          <XAxis
            type="number"
            domain={[0, totalDays]}
            ticks={ticks}
            tickFormatter={(d: number) => `W${d / 7 + 1} ${shortDate(dateAt(phase.start, d))}`}
            fontSize={12}
          />
          <YAxis type="category" dataKey="name" width={190} fontSize={13} />
          <Bar dataKey="offset" stackId="plan" fill="transparent" isAnimationActive={false} />
          <Bar dataKey="done" name="Done" stackId="plan" fill="#1d4ed8" isAnimationActive={false} />
          <Bar
            dataKey="remaining"
            name="Remaining"
            stackId="plan"
            fill="#bfdbfe"
            stroke="#1e3a8a"
            isAnimationActive={false}
          />
          {marker !== null && asOf !== undefined && (
            <ReferenceLine
              x={marker}
              stroke="#991b1b"
              strokeWidth={2}
              label={{
                value: `As of ${shortDate(asOf)}`,
                position: "top",
                fill: "#991b1b",
                fontSize: 12,
              }}
            />
          )}
        </BarChart>
      </SizedChart>
      <ul className={own.legend}>
        <li>
          <span className={`${own.swatch} ${own.done}`} />
          Done
        </li>
        <li>
          <span className={`${own.swatch} ${own.remaining}`} />
          Remaining (planned)
        </li>
        {marker !== null && (
          <li>
            <span className={`${own.swatch} ${own.today}`} />
            As of
          </li>
        )}
      </ul>
    </ChartFigure>
  );
}
