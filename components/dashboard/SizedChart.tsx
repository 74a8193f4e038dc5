"use client";

import { cloneElement, type ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

/**
 * A fixed-size chart when `width` is given (tests, screenshots, exports); otherwise as wide as its container,
 * with an initial size so the first render (and server render) is not empty.
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
  if (width) return cloneElement(children, { width, height });
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
      {children}
    </ResponsiveContainer>
  );
}

/** Distinguishable series styles: colour plus dash pattern, so colour is never the only signal. */
export const SERIES_STYLES = [
  { stroke: "#1d4ed8", dash: undefined },
  { stroke: "#b45309", dash: "8 4" },
  { stroke: "#047857", dash: "2 3" },
  { stroke: "#7c3aed", dash: "10 3 2 3" },
  { stroke: "#be123c", dash: "4 4" },
  { stroke: "#0f172a", dash: "12 4" },
] as const;
