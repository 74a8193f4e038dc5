import "server-only";
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "@/lib/chromium";
import { escapeHtml } from "@/lib/report/escape";
import type { Report } from "@/lib/report/schema";
import { reportHtml } from "./find-report";

/** Chromium cannot be started (not installed, or CHROMIUM_PATH wrong): the edge answers 503. */
export class PdfUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PdfUnavailableError";
  }
}

/**
 * Too many PDF exports at once (this process renders PDF_RENDERS and keeps PDF_WAITING in line): the edge answers
 * 503 with Retry-After, instead of queuing Chromium work without bound.
 */
export class PdfBusyError extends Error {
  readonly retryAfterSeconds = 5;
  constructor() {
    super(`PDF export is busy (${PDF_RENDERS} rendering, ${PDF_WAITING} waiting): retry in a few seconds`);
    this.name = "PdfBusyError";
  }
}

/**
 * Chromium renders at most this many reports at once per process (each takes a CPU core for about a second);
 * this many more wait for a slot, and any further request is refused at once. A bound on this process's own
 * work, not state an answer depends on: the per-client limit lives in the database (lib/server/rate-limit.ts).
 */
export const PDF_RENDERS = 2;
export const PDF_WAITING = 4;

/** /dev/shm is small in containers: Chromium writes its shared memory to /tmp instead. */
const ARGS = [...CHROMIUM_ARGS, "--disable-dev-shm-usage"];

/** A browser start costs ~1 s: keep one for the next export, closed after this long without use. */
const IDLE_MS = 60_000;

const state = globalThis as typeof globalThis & {
  rampartPdfBrowser?: Promise<Browser> | null;
  rampartPdfIdle?: ReturnType<typeof setTimeout> | null;
  rampartPdfQueue?: { active: number; waiting: (() => void)[] };
  /** Pages of the browser that printed a report and wait for the next (at most PDF_RENDERS). */
  rampartPdfPages?: { browser: Browser; page: Page }[];
};

/** Takes a render slot, waits for one, or throws PdfBusyError when the line is full (synchronously decided). */
function acquireSlot(): Promise<void> | undefined {
  state.rampartPdfQueue ??= { active: 0, waiting: [] };
  const queue = state.rampartPdfQueue;
  if (queue.active < PDF_RENDERS) {
    queue.active++;
    return undefined;
  }
  if (queue.waiting.length >= PDF_WAITING) throw new PdfBusyError();
  return new Promise<void>((resolve) => queue.waiting.push(resolve));
}

/** Hands the slot to the next in line, or frees it. */
function releaseSlot() {
  const queue = state.rampartPdfQueue;
  if (!queue) return;
  const next = queue.waiting.shift();
  if (next) next();
  else queue.active--;
}

async function browser(): Promise<Browser> {
  if (!state.rampartPdfBrowser) {
    const executablePath = chromiumPath();
    if (!existsSync(/* turbopackIgnore: true */ executablePath))
      throw new PdfUnavailableError(
        `PDF export needs Chromium: none at ${executablePath} (install it, e.g. apt-get install -y chromium, or set CHROMIUM_PATH)`,
      );
    const launching = chromium.launch({ executablePath, args: ARGS, timeout: 30_000 });
    state.rampartPdfBrowser = launching;
    launching.then(
      (b) =>
        b.on("disconnected", () => {
          if (state.rampartPdfBrowser === launching) state.rampartPdfBrowser = null;
        }),
      () => {
        if (state.rampartPdfBrowser === launching) state.rampartPdfBrowser = null;
      },
    );
  }
  try {
    return await state.rampartPdfBrowser;
  } catch (err) {
    throw new PdfUnavailableError(
      `PDF export could not start Chromium at ${chromiumPath()} (set CHROMIUM_PATH): ${(err as Error).message.split("\n")[0]}`,
    );
  }
}

function scheduleClose() {
  if (state.rampartPdfIdle) clearTimeout(state.rampartPdfIdle);
  state.rampartPdfIdle = setTimeout(() => void closeReportBrowser(), IDLE_MS);
  state.rampartPdfIdle.unref?.();
}

/** Closes the shared browser (idle timer, tests, benchmarks). */
export async function closeReportBrowser(): Promise<void> {
  const pending = state.rampartPdfBrowser;
  state.rampartPdfBrowser = null;
  state.rampartPdfPages = [];
  if (state.rampartPdfIdle) clearTimeout(state.rampartPdfIdle);
  state.rampartPdfIdle = null;
  if (pending) await (await pending.catch(() => null))?.close();
}

/** The report's HTML page printed by headless Chromium: A4, a header with the title, page numbers in the footer. */
export async function renderReportPdf(report: Report): Promise<Buffer> {
  await acquireSlot();
  try {
    return await printPdf(report);
  } finally {
    releaseSlot();
  }
}

/**
 * A page to print on: one a previous export left (its context has JavaScript off and no network; setContent
 * replaces the whole document, so nothing of the previous report remains), else a new one in a context of its
 * own. A new context and page cost a renderer process start, most of a warm export's time (h-pdf profile: 0.8-1.5 s
 * of 2-3 s under load).
 */
async function takePage(b: Browser): Promise<Page> {
  state.rampartPdfPages ??= [];
  for (;;) {
    const idle = state.rampartPdfPages.pop();
    if (!idle) break;
    if (idle.browser === b && !idle.page.isClosed()) return idle.page;
  }
  const context = await b.newContext({ javaScriptEnabled: false, offline: true });
  return context.newPage();
}

/** A page that printed cleanly waits for the next export (as many as can render at once); any other is closed. */
async function returnPage(b: Browser, page: Page, ok: boolean): Promise<void> {
  state.rampartPdfPages ??= [];
  if (ok && state.rampartPdfBrowser && state.rampartPdfPages.length < PDF_RENDERS && !page.isClosed()) {
    state.rampartPdfPages.push({ browser: b, page });
    return;
  }
  await page.context().close();
}

async function printPdf(report: Report): Promise<Buffer> {
  const b = await browser();
  const page = await takePage(b);
  let ok = false;
  try {
    // findReport's reports: their HTML is rendered once per cached report (reportHtml), only the time put in.
    await page.setContent(reportHtml(report), { waitUntil: "load" });
    const style = "font: 8px system-ui, sans-serif; color: #57606a; width: 100%; padding: 0 12mm;";
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${style} display: flex; justify-content: space-between;"><span>${escapeHtml(report.project.name)}: ${escapeHtml(report.title)}</span><span>${escapeHtml(report.environment)}, ${escapeHtml(report.period.start)} to ${escapeHtml(report.period.end)}</span></div>`,
      footerTemplate: `<div style="${style} text-align: right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      margin: { top: "16mm", bottom: "14mm", left: "12mm", right: "12mm" },
    });
    ok = true;
    return pdf;
  } finally {
    await returnPage(b, page, ok).catch(() => {});
    scheduleClose();
  }
}
