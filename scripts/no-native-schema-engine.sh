#!/bin/sh
# Stand-in for Prisma's native schema-engine binary, which cannot be downloaded on offline machines.
# prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here so that `prisma generate` (which only checks
# that the binary exists) works. Migrations run on the WebAssembly engine: scripts/migrate.mjs.
printf '\n{"level":"ERROR","target":"schema_engine::logger","fields":{"error_code":"OFFLINE","message":"The native Prisma schema engine is not installed. Use npm run db:migrate | db:migrate:create | db:status | db:check | db:reset (scripts/migrate.mjs)."}}\n' >&2
exit 1
