// The request body limit of scans and uploads (lib/http/read-body.ts maxBodyBytes reads the same variable).
const configuredBodyLimit = Number(process.env.RAMPART_MAX_BODY_BYTES);
const maxBodyBytes =
  Number.isFinite(configuredBodyLimit) && configuredBodyLimit > 0 ? configuredBodyLimit : 25 * 1024 * 1024;
const proxyBodyBytes = maxBodyBytes + 1024 * 1024;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets two checkouts' builds or test runs share one tree (default .next).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // A self-contained server (<distDir>/standalone/server.js with only the node_modules it uses): what the container
  // image runs and what `npm start` runs (scripts/start.mjs), so the tests exercise the image's server.
  output: "standalone",
  // Read at run time relative to the working directory (the standalone folder), which file tracing cannot see:
  // the migrations applied at start-up, the schema engine that applies them, the demo program, and the data files
  // playwright-core (PDF export) reads beside its bundle.
  outputFileTracingIncludes: {
    "/**/*": [
      "./prisma/schema.prisma",
      "./prisma/migrations/**/*",
      "./examples/maestro/**/*",
      "./node_modules/@prisma/schema-engine-wasm/**/*",
      "./node_modules/playwright-core/**/*",
    ],
  },
  // These load .wasm/.data files or native-style modules relative to their own files: keep them unbundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@prisma/schema-engine-wasm",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
  ],
  experimental: {
    // proxy.ts runs on every request, so Next buffers each request body for it, silently cut at this size (10 MB
    // by default): a larger scan reached the route truncated ("not valid JSON"). The cut drops the whole socket
    // chunk that crosses it (at most 64 KB), so 1 MB above the route's own limit means a body too large always
    // arrives there still larger than the limit, also without a Content-Length, and is answered 413 naming it.
    proxyClientMaxBodySize: proxyBodyBytes,
  },
  // The buffer's size is fixed when the server is built (a standalone server does not read this file again): the
  // routes never accept more than passes it whole (lib/http/read-body.ts), whatever RAMPART_MAX_BODY_BYTES says at
  // run time, so a body too large for the build is answered 413 too, never read truncated.
  env: { RAMPART_PROXY_BODY_BYTES: String(proxyBodyBytes) },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
