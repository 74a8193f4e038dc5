"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, YAxis } from "recharts";
import type { BurnUp } from "@/lib/metrics";
import { ChartFigure, isoDay, scanLabels, shortDate } from "./ChartFigure";
import styles from "./Dashboard.module.css";
import { scanAxis } from "./scan-axis";
import { SizedChart } from "./SizedChart";

export type BurnUpChartProps = {
  /** computeBurnUp(scans, { controls, window, baseline }). */
  burnUp: BurnUp | null | undefined;
  title?: string;
  /** Fixed width in px (tests, screenshots); responsive when omitted. */
  width?: number;
  height?: number;
};

type Datum = { t: number; hardened?: number; planned?: number; inScope?: number };

/** Scan points and the plan line's two ends on one time axis. */
export function burnUpData(burnUp: BurnUp): Datum[] {
  const rows: Datum[] = [
    { t: Date.parse(burnUp.plan[0].at), planned: burnUp.plan[0].value },
    ...burnUp.points.map((p) => ({
      t: Date.parse(p.takenAt),
      hardened: p.hardened,
      planned: p.planned,
      inScope: p.inScope,
    })),
    { t: Date.parse(burnUp.plan[1].at), planned: burnUp.plan[1].value },
  ];
  return rows.sort((a, b) => a.t - b.t);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The labels of burnUpData's rows: a scan's from scanLabels (its time added when another scan shares its day, so
 * no two scans share a label), a plan end's its day. The axis ticks every scan, and a plan end unless a scan
 * shares its day. `collide`: two scans share a day (then one evenly spaced tick per row, as a time axis would
 * draw them on top of each other).
 */
export function burnUpLabels(data: readonly Datum[]) {
  const isScan = (d: Datum) => d.hardened !== undefined;
  const scans = scanLabels(data.filter(isScan).map((d) => d.t));
  const scanDays = new Set(data.filter(isScan).map((d) => isoDay(d.t)));
  let n = 0;
  const rows = data.map((d) => {
    if (!isScan(d)) return { short: shortDate(d.t), long: isoDay(d.t), tick: !scanDays.has(isoDay(d.t)) };
    const i = n++;
    return { short: scans.short[i], long: scans.long[i], tick: true };
  });
  return {
    short: rows.map((r) => r.short),
    long: rows.map((r) => r.long),
    /** Indices of the rows with a tick. */
    ticks: rows.flatMap((r, i) => (r.tick ? [i] : [])),
    /** The scans' table labels, in scan order. */
    scans: scans.long,
    collide: scans.collide,
  };
}

const STATUS_TEXT = {
  complete: "complete",
  "on-track": "on track",
  behind: "behind",
  "not-started": "not started",
} as const;

/** Hardened components per scan against the linear plan to the latest scan's in-scope count. */
export function BurnUpChart({
  burnUp,
  title = "Hardened components (burn-up)",
  width,
  height = 300,
}: BurnUpChartProps) {
  if (!burnUp || burnUp.points.length === 0) {
    return (
      <p className={`card muted ${styles.empty}`}>No scans yet: the burn-up starts with the first scan.</p>
    );
  }
  const data = burnUpData(burnUp);
  const labels = burnUpLabels(data);
  const byIndex = data.map((d, i) => ({ ...d, i }));
  const axis = scanAxis({ ...labels, times: data.map((d) => d.t) });
  const latest = burnUp.points[burnUp.points.length - 1];
  // The plan runs over the work stream's planned weeks: it reaches the goal on the stream's last planned day.
  const planEnd = isoDay(new Date(Date.parse(burnUp.plan[1].at) - 1).toISOString());
  const planName = `Plan (${burnUp.total} by ${planEnd}, the stream's planned end)`;
  const status = burnUp.status
    ? `; ${STATUS_TEXT[burnUp.status.status]} against the plan (${Math.round(burnUp.status.due * 100)}% due by ${isoDay(burnUp.status.asOf)})`
    : "";
  return (
    <ChartFigure
      title={title}
      summary={`${latest.hardened} of ${latest.inScope} hardened on ${isoDay(latest.takenAt)} (plan ${round1(
        latest.planned,
      )})${status}; controls: ${burnUp.controls.join(", ")}`}
      table={{
        caption: `${title}: hardened components per scan against the plan`,
        columns: ["Scan", "Hardened", "In scope", "Planned"],
        rows: burnUp.points.map((p, i) => [labels.scans[i], p.hardened, p.inScope, round1(p.planned)]),
      }}
    >
      <SizedChart width={width} height={height}>
        <ComposedChart
          accessibilityLayer={false}
          data={byIndex}
          margin={{ top: 16, right: 24, bottom: 8, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          {axis.xAxis}
          <YAxis allowDecimals={false} domain={[0, Math.max(1, burnUp.total)]} fontSize={12} />
          <Tooltip labelFormatter={axis.tooltipLabel} />
          <Legend />
          <ReferenceLine
            y={burnUp.total}
            stroke="#4b5563"
            strokeDasharray="2 2"
            label={{ value: `Goal ${burnUp.total}`, position: "insideTopLeft", fontSize: 12 }}
          />
          <Line
            dataKey="planned"
            name={planName}
            stroke="#4b5563"
            strokeDasharray="6 4"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            dataKey="hardened"
            name="Hardened"
            stroke="#1d4ed8"
            strokeWidth={3}
            dot={{ r: 4 }}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </SizedChart>
    </ChartFigure>
  );
}
