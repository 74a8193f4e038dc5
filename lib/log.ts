import { AsyncLocalStorage } from "node:async_hooks";
import { format, stripVTControlCharacters } from "node:util";
import pino from "pino";

const holder = globalThis as unknown as { rampartRequestContext?: AsyncLocalStorage<{ requestId: string }> };

/**
 * The request being served, for every log line written while serving it (lib/server/metrics-http.ts sets it).
 * One per process, kept on globalThis: the instrumentation hook and the route handlers are separate module graphs.
 */
holder.rampartRequestContext ??= new AsyncLocalStorage<{ requestId: string }>();
export const requestContext = holder.rampartRequestContext;

/**
 * The server's log: one JSON object per line on stdout (pino), each with the request id of the request it was
 * written for. Messages are the code's own words; request URLs, headers and bodies are never logged, so neither
 * are passwords, tokens or session cookies.
 */
export const log = pino({
  base: undefined,
  messageKey: "msg",
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  mixin: () => {
    const context = requestContext.getStore();
    return context ? { requestId: context.requestId } : {};
  },
});

/**
 * Sends console.log/info/warn/error through the JSON log, so lines written anywhere in the server (and by Next
 * itself) carry the request id too; terminal colour codes (Better Auth's) are dropped. Once per process.
 */
export function routeConsoleToLog() {
  const state = globalThis as unknown as { rampartConsoleRouted?: boolean };
  if (state.rampartConsoleRouted) return;
  state.rampartConsoleRouted = true;
  const write =
    (level: "info" | "warn" | "error") =>
    (...args: unknown[]) =>
      log[level](stripVTControlCharacters(format(...args)));
  console.log = write("info");
  console.info = write("info");
  console.warn = write("warn");
  console.error = write("error");
}
