// The request body limit of scans and uploads (lib/http/read-body.ts maxBodyBytes reads the same variable).
const configuredBodyLimit = Number(process.env.RAMPART_MAX_BODY_BYTES);
const maxBodyBytes =
  Number.isFinite(configuredBodyLimit) && configuredBodyLimit > 0 ? configuredBodyLimit : 25 * 1024 * 1024;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets two checkouts' builds or test runs share one tree (default .next).
  distDir: process.env.NEXT_DIST_DIR || ".next",
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
    // by default): a larger scan reached the route truncated ("not valid JSON"). One byte over the route's own
    // limit means a body too large is always seen as too large there, and answered 413 naming the limit.
    proxyClientMaxBodySize: maxBodyBytes + 1,
  },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
