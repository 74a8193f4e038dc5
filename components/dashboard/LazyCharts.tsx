"use client";

import dynamic from "next/dynamic";

// The charts with recharts (about 100 kB gzipped) in their own chunks, loaded after the page's first-load JS: the
// server still renders them (figure, caption, data table and SVG), only their hydration waits for the chunk.
export const BurnUpChart = dynamic(() => import("./BurnUpChart").then((m) => m.BurnUpChart));
export const ControlTrendChart = dynamic(() =>
  import("./ControlTrendChart").then((m) => m.ControlTrendChart),
);
export const RoadmapTimeline = dynamic(() => import("./RoadmapTimeline").then((m) => m.RoadmapTimeline));
