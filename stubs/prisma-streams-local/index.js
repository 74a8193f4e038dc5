// The only caller is @prisma/dev (the `prisma dev` local database server), which Rampart never runs: it uses
// PGlite or PostgreSQL through driver adapters. Fail clearly if someone tries it anyway.
export async function startLocalDurableStreamsServer() {
  throw new Error(
    "`prisma dev` is not supported in Rampart: @prisma/streams-local (Node >= 22) is replaced by a stub, see stubs/README.md",
  );
}
