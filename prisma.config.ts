import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Prisma 7's CLI refuses to run even `prisma generate` unless the native schema-engine binary exists,
// and would otherwise download it (impossible offline). Generate never uses it and migrations run on
// @prisma/schema-engine-wasm (scripts/migrate.mjs), so point the check at a stub that explains this.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL("./scripts/no-native-schema-engine.sh", import.meta.url),
);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Only native-engine commands read this; the app and scripts/migrate.mjs use DATABASE_URL themselves.
  datasource: { url: process.env.DATABASE_URL ?? "pglite:./.data" },
});
