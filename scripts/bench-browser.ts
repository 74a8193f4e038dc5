// `npm run bench:browser`: what a visitor's browser sees of the dashboard (issue #14's browser targets), on a
// production build serving the demo program. Figures printed, never asserted; exits 0 when it could measure.
//   1. Starts the real server (`node scripts/start.mjs`, i.e. `npm start`) on 127.0.0.1:--port with the build in
//      NEXT_DIST_DIR (default .next; none there: it stops and says how to build) on a fresh database, where the
//      server loads the Maestro demo at start as on any first run: a fresh PGlite directory (--data-dir, default
//      .data/bench-browser), or with --database-url a dedicated database `rampart_bench_browser` (--database-name)
//      created afresh on that PostgreSQL server. The server bootstraps an instance admin (RAMPART_ADMIN_*).
//   2. Drives Debian's Chromium (lib/chromium.ts, as the e2e tests and the PDF export start it) through
//      playwright-core's library API:
//      a. Full navigation, every page of the demo program (the project's pages, one component, one scan, the diff
//         of its two latest production scans, the edit and settings pages) and the program list: after one
//         warm-up (which fills the browser's cache: the figures are those of a returning visitor), --runs
//         navigations (default 10), each timed from navigation start to the end of the load event
//         (PerformanceNavigationTiming.loadEventEnd). Public pages are visited anonymously (the demo program is
//         public), the pages that need a session signed in as the admin (--signed-in: every page signed in).
//         Each row also prints the JavaScript fetched before the load event (resource timings, gzip as sent): the
//         build's first-load figure leaves out next/dynamic chunks, which server-rendered charts fetch at once.
//      b. Tab-to-tab client navigation: from the overview, a click on each tab of the program's section nav
//         (ProjectNav, discovered in the page) in turn, the last one back to the overview; timed in the page from
//         just before the click until the target page is in the DOM: its URL, its tab marked current (the nav
//         is rendered by each page, never by a loading state) and an h1. Each click waits for the nav to be
//         hydrated (a click in it reaches the window), as a visitor clicks an interactive page. The page's JavaScript context must survive (a soft
//         navigation): a click that ends in a full page load is counted and reported with the page's console
//         error and its navigation's RSC answers, not timed. Between clicks, the network is left to settle
//         (prefetches of the new page's links). One warm-up round, then --runs rounds.
//      c. Each page's first-load JS from the build's manifests (scripts/first-load-js.ts, as bench:web).
//   3. Prints median and p95 per page / tab beside the 1-minute load average, against the targets: load event
//      < 300 ms, tab-to-tab < 150 ms, first-load JS < 200 kB gzip.
// Options: --runs N (10) --port P (3291) --data-dir DIR --database-url URL --database-name NAME
//          --only overview,components… (page and tab names) --signed-in
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../lib/chromium";
import { spawnLoggedServer } from "./bench-server";
import { firstLoadJs } from "./first-load-js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    port: { type: "string", default: "3291" },
    "data-dir": { type: "string", default: ".data/bench-browser" },
    "database-url": { type: "string" },
    "database-name": { type: "string", default: "rampart_bench_browser" },
    only: { type: "string" },
    "signed-in": { type: "boolean", default: false },
  },
});

const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`--runs must be a whole number >= 1, not ${values.runs}`);
  process.exit(1);
}
const HOST = "127.0.0.1"; // loopback only
const PORT = Number(values.port);
const BASE = `http://${HOST}:${PORT}`;
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
const DATA_DIR = values["data-dir"];
/** The server's output, beside the data directory (whose parent a fresh clone does not have yet). */
const SERVER_LOG = `${DATA_DIR.replace(/\/+$/, "")}-server.log`;
const DATABASE_NAME = values["database-name"];
const SLUG = "maestro"; // the demo program (lib/server/load-demo-program.ts), loaded at the first start
const ADMIN = { email: "bench-browser@example.com", password: "bench-browser admin password 0123" };
const ONLY = values.only ? new Set(values.only.split(",")) : null;
const TARGET = { loadMs: 300, tabMs: 150, firstLoadKb: 200 };

// ---- Server ------------------------------------------------------------------------------------------------

/** A fresh database: the PGlite directory emptied, or the PostgreSQL database dropped and created. */
async function databaseEnv(): Promise<{ env: Record<string, string>; label: string }> {
  const server = values["database-url"];
  if (!server) {
    rmSync(DATA_DIR, { recursive: true, force: true });
    mkdirSync(DATA_DIR, { recursive: true });
    return { env: { DATABASE_URL: "", RAMPART_DATA_DIR: DATA_DIR }, label: `PGlite (${DATA_DIR})` };
  }
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE_NAME}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE_NAME}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${DATABASE_NAME}`;
  // The server's own files (auth secret) still go to a directory of ours, never to the default .data.
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  return {
    env: { DATABASE_URL: url.toString(), RAMPART_DATA_DIR: DATA_DIR },
    label: `PostgreSQL (database ${DATABASE_NAME})`,
  };
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const server = spawnLoggedServer(
    {
      ...env,
      PORT: String(PORT),
      HOST,
      RAMPART_DEMO: "on",
      RAMPART_ADMIN_EMAIL: ADMIN.email,
      RAMPART_ADMIN_PASSWORD: ADMIN.password,
      NEXT_DIST_DIR: DIST_DIR,
    },
    SERVER_LOG,
  );
  try {
    // Up, and the demo loaded (the server loads it at start, before it serves).
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`the server exited: see ${SERVER_LOG}`);
      if (i >= 480) throw new Error(`the server did not serve the demo within 4 minutes: see ${SERVER_LOG}`);
      try {
        const response = await fetch(`${BASE}/api/v1/projects/${SLUG}/scans`);
        if (response.ok && ((await response.json()).scans as unknown[]).length > 0) return server;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    await stopServer(server); // never leave it holding the port and the database
    throw err;
  }
}

/** The whole group (start.mjs and its server), waited for, so the port and the database are free afterwards. */
async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null || !server.pid) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-server.pid, "SIGTERM");
  await exited;
}

// ---- Pages ---------------------------------------------------------------------------------------------------

type Target = { name: string; path: string; signedIn: boolean };

/** Every page of the demo program (app/projects/[slug]/**), with the ids of the demo's latest scans. */
async function demoPages(): Promise<Target[]> {
  const scans = (await (await fetch(`${BASE}/api/v1/projects/${SLUG}/scans?environment=production`)).json())
    .scans as { id: string }[];
  if (scans.length < 2)
    throw new Error(`the demo has ${scans.length} production scans, 2 needed for the diff`);
  const [latest, previous] = scans;
  const components = await (await fetch(`${BASE}/projects/${SLUG}/components`)).text();
  const component = /\/components\/([0-9a-f-]{36})/.exec(components)?.[1];
  if (!component) throw new Error("no component link on the demo's components page");
  const base = `/projects/${SLUG}`;
  const anyone = values["signed-in"];
  const page = (name: string, suffix: string, signedIn = anyone): Target => ({
    name,
    path: `${base}${suffix}`,
    signedIn,
  });
  return [
    { name: "programs", path: "/", signedIn: anyone },
    page("overview", ""),
    page("components", "/components"),
    page("component", `/components/${component}`),
    page("roadmap", "/roadmap"),
    page("roadmap-edit", "/roadmap/edit", true), // redirects a visitor to sign in
    page("exit-criteria", "/exit-criteria"),
    page("exceptions", "/exceptions"),
    page("policies", "/policies"),
    page("scans", "/scans"),
    page("scan", `/scans/${latest.id}`),
    page("diff", `/scans/diff?from=${previous.id}&to=${latest.id}`),
    page("report", "/report"),
    page("upload", "/upload", true), // a visitor gets "sign in to upload", not the form
    page("settings", "/settings", true), // redirects a visitor to sign in
  ];
}

/** Signs the context in through the sign-in API (one call: sign-in is rate limited), checked by a page. */
async function signIn(context: BrowserContext) {
  const response = await context.request.post(`${BASE}/api/auth/sign-in/email`, {
    data: ADMIN,
    headers: { origin: BASE },
  });
  if (!response.ok()) throw new Error(`sign-in answered ${response.status()}: ${await response.text()}`);
  if (!(await context.cookies(BASE)).some((c) => c.name.endsWith("session_token")))
    throw new Error("sign-in set no session cookie");
}

/** Nearest rank: with 10 runs, the p95 is the slowest. */
function percentile(sorted: number[], p: number) {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

type Row = {
  name: string;
  path: string;
  median: number;
  p95: number;
  max: number;
  load: number;
  /** Tab clicks that ended in a full page load instead of a client navigation (not timed). */
  fullLoads?: number;
  /**
   * Full navigations: the JavaScript the page fetched before its load event (kB as sent, gzip), read from the
   * resource timings. Unlike the build's first-load figure it counts next/dynamic chunks of components rendered on
   * the server (the charts), which the browser is told to fetch at once.
   */
  jsBeforeLoadKb?: number;
  /**
   * Full navigations: medians of where the time went, ms from navigation start: the first byte of the HTML (server
   * time plus the round trip), its last byte (the streamed page), DOMContentLoaded (scripts parsed and run).
   */
  phases?: Phases;
};

type Phases = { firstByte: number; htmlEnd: number; domReady: number };

/** `loads`: the 1-minute load average read after each sample; the row shows their mean. */
function summarize(name: string, where: string, samples: number[], loads: number[]): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  // No sample (every click a full load): NaN, printed as n/a.
  return {
    name,
    path: where,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    load: loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : loadavg()[0],
  };
}

/** Waits until no request of the page has been in flight for `quietMs` (prefetches settle), at most 10 s. */
function networkQuiet(page: Page) {
  let inFlight = 0;
  let last = performance.now();
  const start = () => {
    inFlight++;
    last = performance.now();
  };
  const end = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = performance.now();
  };
  page.on("request", start);
  page.on("requestfinished", end);
  page.on("requestfailed", end);
  return async (quietMs = 300) => {
    const deadline = performance.now() + 10_000;
    while (performance.now() < deadline && (inFlight > 0 || performance.now() - last < quietMs))
      await new Promise((r) => setTimeout(r, 50));
  };
}

/**
 * One full navigation: navigation start → end of the load event, in ms, and the script bytes fetched before that
 * event (encoded body sizes: what went over the wire, cache or not). Fails on a non-200 or a redirect.
 */
async function loadTime(page: Page, target: Target): Promise<{ ms: number; jsKb: number; phases: Phases }> {
  const response = await page.goto(`${BASE}${target.path}`, { waitUntil: "load" });
  if (response?.status() !== 200)
    throw new Error(`${target.path} answered ${response?.status() ?? "nothing"}`);
  const landed = new URL(page.url());
  if (landed.pathname !== target.path.split("?")[0])
    throw new Error(`${target.path} ended on ${landed.pathname}${landed.search} (not signed in?)`);
  // loadEventEnd is set once the load handlers have returned: read it when it is.
  const handle = await page.waitForFunction(() => {
    const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    if (!entry || entry.loadEventEnd <= 0) return null;
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter(
      (r) => r.initiatorType === "script" && r.responseEnd <= entry.loadEventStart,
    );
    return {
      ms: entry.loadEventEnd - entry.startTime,
      jsKb: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0) / 1024,
      phases: {
        firstByte: entry.responseStart - entry.startTime,
        htmlEnd: entry.responseEnd - entry.startTime,
        domReady: entry.domContentLoadedEventEnd - entry.startTime,
      },
    };
  });
  return (await handle.jsonValue()) as { ms: number; jsKb: number; phases: Phases };
}

async function measureLoads(contexts: Record<"anonymous" | "signedIn", Page>, targets: Target[]) {
  const rows: Row[] = [];
  for (const target of targets) {
    const page = target.signedIn ? contexts.signedIn : contexts.anonymous;
    await loadTime(page, target); // warm-up: the server's first render of it, the browser's cache
    const samples: number[] = [];
    const loads: number[] = [];
    const phases: Phases[] = [];
    let jsKb = 0;
    for (let i = 0; i < RUNS; i++) {
      const run = await loadTime(page, target);
      samples.push(run.ms);
      phases.push(run.phases);
      jsKb = Math.max(jsKb, run.jsKb);
      loads.push(loadavg()[0]);
    }
    const median = (key: keyof Phases) =>
      percentile(
        phases.map((p) => p[key]).sort((a, b) => a - b),
        50,
      );
    const row = {
      ...summarize(target.name + (target.signedIn ? " *" : ""), target.path, samples, loads),
      jsBeforeLoadKb: jsKb,
      phases: { firstByte: median("firstByte"), htmlEnd: median("htmlEnd"), domReady: median("domReady") },
    };
    rows.push(row);
    console.log(
      `  ${row.name.padEnd(16)} median ${row.median.toFixed(0).padStart(5)} ms  p95 ${row.p95.toFixed(0).padStart(5)} ms  (load ${row.load.toFixed(2)})`,
    );
  }
  return rows;
}

type Tab = { label: string; pathname: string };

/** The program's section tabs as the overview renders them (ProjectNav), in order. */
async function discoverTabs(page: Page): Promise<Tab[]> {
  await page.goto(`${BASE}/projects/${SLUG}`, { waitUntil: "load" });
  const tabs = await page.$$eval('nav[aria-label="Program sections"] a', (links) =>
    links.map((a) => ({
      label: a.textContent?.trim() ?? "",
      pathname: new URL((a as HTMLAnchorElement).href).pathname,
    })),
  );
  if (tabs.length < 2) throw new Error(`the overview shows ${tabs.length} section tabs`);
  return tabs;
}

/** A tab's name as --only and the table spell it: the page name (overview, exit-criteria…). */
const tabName = (tab: Tab) => tab.pathname.split("/")[3] ?? "overview";

/**
 * Clicks the tab in the page and resolves with the ms from just before the click until the target page is in
 * the DOM: its path, its tab current, an h1. Rejects if the page reloaded (its JavaScript context ends).
 */
async function clickTab(page: Page, tab: Tab): Promise<number> {
  // Clicked once the page is interactive, as a visitor clicks it: the link hydrated (React's props on it) and a
  // click inside the nav reaching the window. While React is still hydrating that part of the page it stops a
  // click there and replays it later: the browser would follow the link itself, a full page load (seen under
  // load, with the props already set). Inline functions only: tsx would wrap a named one in a __name() the page
  // lacks, and the page's CSP forbids evaluating a string.
  await page.waitForFunction(
    (label) => {
      const nav = document.querySelector('nav[aria-label="Program sections"]');
      const link = nav && [...nav.querySelectorAll("a")].find((a) => a.textContent?.trim() === label);
      if (!nav || !link || !Object.keys(link).some((k) => k.startsWith("__reactProps$"))) return false;
      let reached = false;
      const listening = new AbortController();
      window.addEventListener(
        "click",
        () => {
          reached = true;
        },
        { signal: listening.signal },
      );
      nav.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, view: window }));
      listening.abort();
      return reached;
    },
    tab.label,
    { timeout: 60_000, polling: 50 },
  );
  return page.evaluate(
    ({ label, pathname }) =>
      new Promise<number>((resolve, reject) => {
        const navSelector = 'nav[aria-label="Program sections"]';
        const link = [...document.querySelectorAll<HTMLAnchorElement>(`${navSelector} a`)].find(
          (a) => a.textContent?.trim() === label,
        );
        if (!link) return reject(new Error(`no "${label}" tab on ${location.pathname}`));
        let t0 = 0;
        const timeout = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`"${label}" not rendered within 30 s of the click`));
        }, 30_000);
        // Inline, no named function: tsx (esbuild keepNames) would wrap one in a __name() the page lacks.
        const observer = new MutationObserver(() => {
          const rendered =
            location.pathname === pathname &&
            document.querySelector(`${navSelector} a[aria-current="page"]`)?.textContent?.trim() === label &&
            document.querySelector("h1") !== null;
          if (!rendered) return;
          const ms = performance.now() - t0;
          observer.disconnect();
          clearTimeout(timeout);
          resolve(ms);
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        t0 = performance.now();
        link.click();
      }),
    tab,
  );
}

async function measureTabs(page: Page): Promise<Row[]> {
  const quiet = networkQuiet(page);
  const tabs = await discoverTabs(page);
  const measured = tabs.filter((t) => !ONLY || ONLY.has(tabName(t)));
  if (measured.length === 0) return [];
  const samples = new Map(tabs.map((t) => [t.label, [] as number[]]));
  const loads = new Map(tabs.map((t) => [t.label, [] as number[]]));
  const fullLoads = new Map(tabs.map((t) => [t.label, 0]));
  // The page's console errors, to say why a click ended in a full page load.
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text().replace(/\s+/g, " ").slice(0, 160));
  });
  // And the answers to its client navigation's requests (RSC, not prefetches): a non-200 or an HTML answer is
  // what makes Next.js load the page in full.
  const answers: string[] = [];
  page.on("response", (r) => {
    const headers = r.request().headers();
    if (headers.rsc === "1" && !headers["next-router-prefetch"])
      answers.push(`${r.status()} ${r.headers()["content-type"] ?? "?"} ${new URL(r.url()).pathname}`);
  });
  // A round: the overview loaded, then each tab clicked from the one before, the last click back to the first.
  const order = [...tabs.slice(1), tabs[0]];
  for (let round = 0; round <= RUNS; round++) {
    await page.goto(`${BASE}${tabs[0].pathname}`, { waitUntil: "load" });
    await quiet();
    for (const tab of order) {
      errors.length = 0;
      answers.length = 0;
      try {
        const ms = await clickTab(page, tab);
        if (round > 0) {
          // round 0 warms up
          samples.get(tab.label)?.push(ms);
          loads.get(tab.label)?.push(loadavg()[0]);
        }
      } catch (err) {
        if (!String(err).includes("context was destroyed")) throw new Error(`tab "${tab.label}": ${err}`);
        // The browser followed the link itself (Next.js falls back to that when a client navigation fails):
        // counted and reported, not timed; the round goes on from the page it loaded.
        fullLoads.set(tab.label, (fullLoads.get(tab.label) ?? 0) + 1);
        await page.waitForURL((url) => url.pathname === tab.pathname, { waitUntil: "load" });
        console.log(
          `  ${tab.label}: a full page load, not a client navigation (console: ${errors[0] ?? "no error"}; RSC answers: ${answers.join(", ") || "none"})`,
        );
      }
      await quiet();
    }
  }
  const rows: Row[] = [];
  for (const [i, tab] of tabs.entries()) {
    if (!measured.includes(tab)) continue;
    const from = tabs[(i + tabs.length - 1) % tabs.length];
    const row = {
      ...summarize(
        tabName(tab),
        `${from.label} → ${tab.label}`,
        samples.get(tab.label) ?? [],
        loads.get(tab.label) ?? [],
      ),
      fullLoads: fullLoads.get(tab.label),
    };
    rows.push(row);
    console.log(
      `  ${row.name.padEnd(16)} median ${row.median.toFixed(0).padStart(5)} ms  p95 ${row.p95.toFixed(0).padStart(5)} ms  (load ${row.load.toFixed(2)})`,
    );
  }
  return rows;
}

// ---- main ------------------------------------------------------------------------------------------------------

function table(title: string, rows: Row[], target: number) {
  console.log(`\n${title}`);
  console.log(
    `${"page".padEnd(17)}${"path".padEnd(62)}${"median".padStart(8)}${"p95".padStart(7)}${"max".padStart(7)}${"load 1m".padStart(9)}  target`,
  );
  const ms = (n: number, width: number) => (Number.isNaN(n) ? "n/a" : n.toFixed(0)).padStart(width);
  for (const r of rows) {
    const verdict = Number.isNaN(r.p95) ? "n/a" : r.p95 < target ? "ok" : "MISSED";
    const full = r.fullLoads ? ` (${r.fullLoads} full page loads, not timed)` : "";
    const js = r.jsBeforeLoadKb === undefined ? "" : `  JS before load ${r.jsBeforeLoadKb.toFixed(1)} kB`;
    const phases = r.phases
      ? `  (medians: first byte ${r.phases.firstByte.toFixed(0)}, HTML end ${r.phases.htmlEnd.toFixed(0)}, DOM ready ${r.phases.domReady.toFixed(0)} ms)`
      : "";
    console.log(
      `${r.name.padEnd(17)}${r.path.slice(0, 61).padEnd(62)}${ms(r.median, 8)}${ms(r.p95, 7)}${ms(r.max, 7)}${r.load.toFixed(2).padStart(9)}  ${verdict}${full}${js}${phases}`,
    );
  }
}

async function main() {
  if (
    !existsSync(path.join(DIST_DIR, "BUILD_ID")) ||
    !existsSync(path.join(DIST_DIR, "standalone", "server.js"))
  ) {
    console.error(
      `No production build in ${DIST_DIR}: run \`${DIST_DIR === ".next" ? "" : `NEXT_DIST_DIR=${DIST_DIR} `}npm run build\` first.`,
    );
    process.exit(1);
  }
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    console.error(
      `Chromium not found at ${executablePath}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
    process.exit(1);
  }
  const { env, label } = await databaseEnv();
  const started = performance.now();
  console.log(`Starting the server of ${DIST_DIR} on ${BASE} (${label}; log ${SERVER_LOG})…`);
  const server = await startServer(env);
  console.log(`  serving the demo after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const version = browser.version();
  let loads: Row[] = [];
  let tabs: Row[] = [];
  try {
    const open = async (signedIn: boolean) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      if (signedIn) await signIn(context);
      return context.newPage();
    };
    const contexts = { anonymous: await open(false), signedIn: await open(true) };
    const targets = (await demoPages()).filter((t) => !ONLY || ONLY.has(t.name));
    if (targets.length) {
      console.log(`\nFull navigations: 1 warm-up + ${RUNS} runs per page`);
      loads = await measureLoads(contexts, targets);
    }
    console.log(`\nTab to tab: 1 warm-up round + ${RUNS} rounds of clicks through the section tabs`);
    tabs = await measureTabs(values["signed-in"] ? contexts.signedIn : contexts.anonymous);
  } finally {
    await browser.close();
    await stopServer(server);
  }

  const [l1, l5, l15] = loadavg();
  console.log(
    `\nChromium ${version} (headless), ${label}, build ${DIST_DIR}; load average now ${l1.toFixed(2)} / ${l5.toFixed(2)} / ${l15.toFixed(2)} (1/5/15 min)`,
  );
  if (loads.length)
    table(
      `Full navigation, navigation start → loadEventEnd, ms (${RUNS} runs; * signed in as the admin; load 1m: mean over the runs), target p95 < ${TARGET.loadMs} ms`,
      loads,
      TARGET.loadMs,
    );
  if (tabs.length)
    table(
      `Tab to tab, click → target page rendered (client navigation), ms (${RUNS} rounds; load 1m: mean over the clicks), target p95 < ${TARGET.tabMs} ms`,
      tabs,
      TARGET.tabMs,
    );
  console.log(
    `\nFirst-load JS per page (gzip, from ${DIST_DIR} manifests), target < ${TARGET.firstLoadKb} kB`,
  );
  for (const p of firstLoadJs(DIST_DIR)) {
    console.log(
      `${p.page.padEnd(45)}${p.kB.toFixed(1).padStart(8)} kB  ${p.kB < TARGET.firstLoadKb ? "ok" : "MISSED"}`,
    );
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
