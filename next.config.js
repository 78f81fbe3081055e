/** @type {import('next').NextConfig} */

// In `next dev`, pages served on the sandbox's hostname load dev assets cross-origin.
function sandboxHost() {
  try {
    return new URL(process.env.SANDBOX_ORIGIN || "http://127.0.0.1:3000").hostname;
  } catch {
    return "127.0.0.1";
  }
}

module.exports = {
  // PGlite ships WASM and data files it loads from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  allowedDevOrigins: [sandboxHost()],
  // Lets a second build (a benchmark, a parallel check) live beside the usual .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // The build type-checks the app; tests and tools are checked by `npm run typecheck` (npm test).
  typescript: { tsconfigPath: "tsconfig.build.json" },
  reactStrictMode: true,
};
