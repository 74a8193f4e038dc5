const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof EXIT_CODES;
/** In-flight requests get this long to finish after a stop signal; then the database closes regardless. */
export const DRAIN_DEADLINE_MS = 7_000;
/** The process is gone by then, whatever hangs: a replica stops within 10 s. */
export const HARD_DEADLINE_MS = 9_500;

/**
 * Runs `close` (closing the database and releasing its lock) when the process is asked to stop with SIGTERM or
 * SIGINT, then exits. `next start` has its own handler for these signals: it drains the HTTP server and then calls
 * process.exit(), so that exit is held until `close` has finished (requests in flight complete first); without
 * such a handler, `close` runs at once.
 */
export function closeOnShutdown(close: () => Promise<void>, log: (message: string) => void = console.error) {
  const exit = process.exit.bind(process);
  let closing: Promise<void> | undefined;
  const closeThenExit = (code: number) => {
    closing ??= close().catch((err) =>
      log(`Rampart: closing the database failed: ${err instanceof Error ? err.message : String(err)}`),
    );
    void closing.finally(() => exit(code));
  };
  const onSignal = (signal: Signal) => {
    // A close that hangs must not keep a stopped server up: past this, exit as a crash would (the lock file is
    // still removed on exit, and PostgreSQL recovers from its WAL at the next open, rolling back a transaction
    // in flight). Well inside Kubernetes' default 30 s grace period.
    setTimeout(() => exit(EXIT_CODES[signal]), HARD_DEADLINE_MS).unref();
    if (process.listenerCount(signal) === 1) return closeThenExit(EXIT_CODES[signal]);
    process.exit = ((code?: number | string | null) =>
      closeThenExit(Number(code ?? 0))) as typeof process.exit;
    // Should the other handler never exit (a request that does not finish), close anyway: requests still running
    // then fail on the closed database, and their transactions roll back.
    setTimeout(() => closeThenExit(EXIT_CODES[signal]), DRAIN_DEADLINE_MS).unref();
  };
  for (const signal of Object.keys(EXIT_CODES) as Signal[]) process.on(signal, onSignal);
}
