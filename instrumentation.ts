// Runs once when the server process starts: open the database and apply pending migrations before the first
// request, so a newcomer's first page load does not wait for them.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("@/lib/server/prepare-server");
  await prepareServer();
}
