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
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
