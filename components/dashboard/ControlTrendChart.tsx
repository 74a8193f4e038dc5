"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, YAxis } from "recharts";
import type { ControlRate } from "@/lib/metrics";
import { formatPercent } from "@/lib/metrics/format";
import { ChartFigure, isoDay, scanLabels } from "./ChartFigure";
import styles from "./Dashboard.module.css";
import { SizedChart, seriesStyles } from "./SizedChart";
import { scanAxis } from "./scan-axis";

/**
 * One scan: controlRate(scan, control) for each selected control, of which the chart reads the rates only (a
 * server page may send just these: 100 scans' full counts made its payload several times larger).
 */
export type ControlTrendPoint = {
  takenAt: string | Date;
  rates: readonly (Pick<ControlRate, "control"> & Partial<Pick<ControlRate, "rate" | "metRate">>)[];
};

export type ControlTrendChartProps = {
  /** One per scan, any order: `scans.map(s => ({ takenAt: s.takenAt, rates: controls.map(c => controlRate(s, c)) }))`. */
  points: readonly ControlTrendPoint[];
  /** The controls to draw, with display labels; default: every control in `points`. */
  controls?: readonly { control: string; label?: string }[];
  /** `rate` = pass / (pass + fail), waivers outside (the hardening table's figure); `metRate` counts waived as met. */
  measure?: "rate" | "metRate";
  title?: string;
  width?: number;
  height?: number;
};

type Datum = { t: number } & Record<string, number | null>;

export function controlTrendData(
  points: readonly ControlTrendPoint[],
  controls: readonly string[],
  measure: "rate" | "metRate" = "rate",
): Datum[] {
  return points
    .map((p) => {
      const row: Datum = { t: new Date(p.takenAt).getTime() };
      for (const c of controls) {
        const r = p.rates.find((x) => x.control === c)?.[measure];
        row[c] = r === null || r === undefined ? null : Math.round(r * 1000) / 10;
      }
      return row;
    })
    .sort((a, b) => a.t - b.t);
}

/** Pass rate of selected controls across scans: one line per control (colour + dash), legend, percent axis. */
export function ControlTrendChart({
  points,
  controls,
  measure = "rate",
  title = "Control pass rate over time",
  width,
  height = 300,
}: ControlTrendChartProps) {
  const selected: readonly { control: string; label?: string }[] =
    controls ??
    [...new Set(points.flatMap((p) => p.rates.map((r) => r.control)))].map((control) => ({ control }));
  // A trend needs two scans: say what is missing rather than draw a lone dot (or claim there is no scan).
  if (points.length < 2 || selected.length === 0) {
    const only = points.length === 1 ? isoDay(points[0].takenAt) : null;
    return (
      <p className={`card muted ${styles.empty}`}>
        {selected.length === 0 && points.length > 0
          ? "No controls to chart: the trend follows the controls of the roadmap's metrics."
          : only
            ? `${title}: one scan so far (${only}); the trend starts with the second scan.`
            : "No scans yet: the trend starts with the second scan."}
      </p>
    );
  }
  const ids = selected.map((s) => s.control);
  const labelOf = (id: string) => selected.find((s) => s.control === id)?.label ?? id;
  const data = controlTrendData(points, ids, measure);
  const latest = data[data.length - 1];
  const labels = scanLabels(data.map((d) => d.t));
  const seriesStyle = seriesStyles(ids.length);
  // Scans sharing a day would share a tick on a time axis: then one evenly spaced tick per scan instead.
  const byIndex = data.map((d, i) => ({ ...d, i }));
  const axis = scanAxis({ ...labels, times: data.map((d) => d.t), ticks: data.map((_, i) => i) });
  return (
    <ChartFigure
      title={title}
      summary={`latest ${isoDay(latest.t)}: ${ids
        .map(
          (id) =>
            `${labelOf(id)} ${formatPercent(latest[id] === null ? null : (latest[id] as number) / 100)}`,
        )
        .join(", ")}`}
      table={{
        caption: `${title} (${measure === "rate" ? "pass / (pass + fail), exceptions outside" : "waived counts as met"})`,
        columns: ["Scan", ...ids.map(labelOf)],
        rows: data.map((d, i) => [
          labels.long[i],
          ...ids.map((id) => (d[id] === null ? "n/a" : formatPercent((d[id] as number) / 100))),
        ]),
      }}
    >
      <SizedChart width={width} height={height}>
        <LineChart
          accessibilityLayer={false}
          data={byIndex}
          margin={{ top: 16, right: 24, bottom: 8, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          {axis.xAxis}
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v}%`}
            fontSize={12}
          />
          <Tooltip labelFormatter={axis.tooltipLabel} formatter={(v) => `${v}%`} />
          <Legend />
          {ids.map((id, i) => {
            const s = seriesStyle[i];
            return (
              <Line
                key={id}
                dataKey={id}
                name={labelOf(id)}
                stroke={s.stroke}
                strokeDasharray={s.dash}
                strokeWidth={2}
                dot={{ r: 3 }}
                connectNulls
                isAnimationActive={false}
              />
            );
          })}
        </LineChart>
      </SizedChart>
    </ChartFigure>
  );
}
