"use client";

import { cloneElement, type ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

/**
 * A fixed-size chart when `width` is given (tests, screenshots, exports); otherwise as wide as its container,
 * with an initial size so the first render is not empty.
 *
 * On the server, only a box of the chart's size: recharts draws its SVG in the browser anyway (its server render
 * is an empty wrapper that costs milliseconds per chart), and the browser never hydrates this markup: the charts are
 * mounted afresh after the load event (LazyCharts), replacing it.
 */
export function SizedChart({
  width,
  height,
  children,
}: {
  width?: number;
  height: number;
  children: ReactElement<{ width?: number; height?: number }>;
}) {
  if (typeof window === "undefined") return <div style={{ width: width ?? "100%", height }} />;
  if (width) return cloneElement(children, { width, height });
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
      {children}
    </ResponsiveContainer>
  );
}

/** Curated series styles: colour plus dash pattern, so colour is never the only signal. */
const CURATED = [
  { stroke: "#1d4ed8", dash: undefined },
  { stroke: "#b45309", dash: "8 4" },
  { stroke: "#047857", dash: "2 3" },
  { stroke: "#7c3aed", dash: "10 3 2 3" },
  { stroke: "#be123c", dash: "4 4" },
  { stroke: "#0f172a", dash: "12 4" },
] as const;

export type SeriesStyle = { stroke: string; dash: string | undefined };

/**
 * One style per series, no two alike for any number of series: the curated ones while they suffice, else hues
 * spread evenly around the wheel (alternating two lightnesses, dark enough on white) with the dash patterns cycling.
 */
export function seriesStyles(count: number): SeriesStyle[] {
  if (count <= CURATED.length) return CURATED.slice(0, count);
  return Array.from({ length: count }, (_, i) => ({
    stroke: `hsl(${Math.round((3600 * i) / count) / 10} 80% ${i % 2 === 0 ? 32 : 42}%)`,
    dash: CURATED[i % CURATED.length].dash,
  }));
}
