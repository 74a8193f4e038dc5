"use client";

import dynamic from "next/dynamic";
import { type ComponentType, useEffect, useState } from "react";
import type { BurnUpChartProps } from "./BurnUpChart";
import type { ControlTrendChartProps } from "./ControlTrendChart";
import type { RoadmapTimelineProps } from "./RoadmapTimeline";

/** React keeps a host element's server children when it has dangerouslySetInnerHTML: it never hydrates them. */
const KEEP_SERVER_HTML = { __html: "" };

/** Runs `task` once the page's load event has passed and the main thread is idle. */
function afterLoad(task: () => void): () => void {
  let idle: number | undefined;
  const schedule = () => {
    idle = window.requestIdleCallback
      ? window.requestIdleCallback(task, { timeout: 200 })
      : window.setTimeout(task, 0);
  };
  if (document.readyState === "complete") schedule();
  else window.addEventListener("load", schedule, { once: true });
  return () => {
    window.removeEventListener("load", schedule);
    if (idle === undefined) return;
    if (window.cancelIdleCallback) window.cancelIdleCallback(idle);
    else window.clearTimeout(idle);
  };
}

type Loader<P> = () => Promise<ComponentType<P>>;

/** The charts' modules once imported in this browser tab, by loader. */
const loadedCharts = new Map<Loader<never>, unknown>();

/**
 * A recharts chart (about 100 kB gzipped, and the most expensive part of a page to hydrate) that the server renders
 * in full (figure, caption, data table and SVG) but the browser brings to life only after the load event: until
 * then it keeps the server's markup as static HTML, then imports the chart's chunk and renders it (tooltips,
 * resizing). A page reached by client navigation renders the chart as soon as its chunk is there.
 */
function DeferredChart<P extends object>({
  load,
  server: ServerRendered,
  props,
}: {
  load: Loader<P>;
  /** `dynamic(load)`: how the server renders it. */
  server: ComponentType<P>;
  props: P;
}) {
  const [Chart, setChart] = useState(
    () => loadedCharts.get(load as Loader<never>) as ComponentType<P> | undefined,
  );
  useEffect(() => {
    if (Chart) return;
    let mounted = true;
    const cancel = afterLoad(() =>
      load().then((component) => {
        loadedCharts.set(load as Loader<never>, component);
        if (mounted) setChart(() => component);
      }),
    );
    return () => {
      mounted = false;
      cancel();
    };
  }, [Chart, load]);
  // `display: contents`: the wrapper adds no box, so the chart lays out as if it were not there.
  if (typeof window === "undefined")
    return (
      <div style={{ display: "contents" }}>
        <ServerRendered {...props} />
      </div>
    );
  if (Chart)
    return (
      <div key="live" style={{ display: "contents" }}>
        <Chart {...props} />
      </div>
    );
  return (
    <div
      key="static"
      style={{ display: "contents" }}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant empty string, never content: it only tells React to leave the server's markup alone
      dangerouslySetInnerHTML={KEEP_SERVER_HTML}
      suppressHydrationWarning
    />
  );
}

const loadBurnUp = () => import("./BurnUpChart").then((m) => m.BurnUpChart);
const ServerBurnUp = dynamic(loadBurnUp);
export function BurnUpChart(props: BurnUpChartProps) {
  return <DeferredChart load={loadBurnUp} server={ServerBurnUp} props={props} />;
}

const loadControlTrend = () => import("./ControlTrendChart").then((m) => m.ControlTrendChart);
const ServerControlTrend = dynamic(loadControlTrend);
export function ControlTrendChart(props: ControlTrendChartProps) {
  return <DeferredChart load={loadControlTrend} server={ServerControlTrend} props={props} />;
}

const loadRoadmapTimeline = () => import("./RoadmapTimeline").then((m) => m.RoadmapTimeline);
const ServerRoadmapTimeline = dynamic(loadRoadmapTimeline);
export function RoadmapTimeline(props: RoadmapTimelineProps) {
  return <DeferredChart load={loadRoadmapTimeline} server={ServerRoadmapTimeline} props={props} />;
}
