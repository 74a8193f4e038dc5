// Runs once when the server process starts: open the database and apply pending migrations before the first
// request, so a newcomer's first page load does not wait for them. A database that cannot be opened (another
// process owns it, read-only or damaged directory, unreachable server) ends the process with one line saying
// why, instead of a server that answers every request with a 500.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    // Inside the try: a module that fails to load (a file missing from a standalone copy) stops the start too.
    // First the JSON log and the request observation (/api/metrics, X-Request-Id), so start-up lines are JSON too.
    const { installHttpObservation } = await import("@/lib/server/metrics-http");
    installHttpObservation();
    const { prepareServer } = await import("@/lib/server/prepare-server");
    await prepareServer();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    // One plain line on stderr, not a JSON log entry: it is what an operator reads when the process will not start.
    process.stderr.write(`Rampart: cannot start: ${reason.split("\n")[0]}\n`);
    process.exit(1);
  }
  // The migration Job (deploy/kubernetes) runs the image for its start-up work only: migrations, the headless
  // admin, the demo on an empty database. It then exits 0 instead of serving.
  if (process.env.RAMPART_MIGRATE_ONLY === "1") {
    console.log("Rampart: start-up work done (RAMPART_MIGRATE_ONLY=1), exiting");
    process.exit(0);
  }
}
