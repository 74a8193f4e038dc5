import { XAxis } from "recharts";

/**
 * The x axis of a chart over scans (rows in time order, `t` in epoch ms, `i` their index) and its tooltip label.
 * A time axis ticked at the `ticks` rows; when two scans share a day (`collide`) they would sit on top of each
 * other there, so one evenly spaced tick per row instead. Labels come from scanLabels (never two alike).
 * A function, not a component: recharts finds its axes among the chart's direct children.
 */
export function scanAxis({
  times,
  short,
  long,
  ticks,
  collide,
}: {
  times: readonly number[];
  short: readonly string[];
  long: readonly string[];
  /** Indices of the rows with a tick. */
  ticks: readonly number[];
  collide: boolean;
}) {
  const rowOf = (x: number) => (collide ? x : times.indexOf(x));
  const xAxis = collide ? (
    <XAxis
      type="number"
      dataKey="i"
      domain={[0, times.length - 1]}
      ticks={[...ticks]}
      tickFormatter={(i: number) => short[i] ?? ""}
      fontSize={12}
    />
  ) : (
    <XAxis
      type="number"
      dataKey="t"
      scale="time"
      domain={["dataMin", "dataMax"]}
      ticks={ticks.map((i) => times[i])}
      tickFormatter={(t: number) => short[rowOf(t)] ?? ""}
      fontSize={12}
    />
  );
  return { xAxis, tooltipLabel: (x: unknown) => long[rowOf(Number(x))] ?? "" };
}
