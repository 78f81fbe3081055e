/** @type {import('next').NextConfig} */

// The lockfile lists the SWC compilers of the platforms npm resolved here. When others are missing,
// Next 15 tries to add them to package-lock.json from the registry while it builds or serves,
// which would rewrite a committed file (and prints an error where the registry lacks them). The
// lockfile is npm's to write.
process.env.NEXT_IGNORE_INCORRECT_LOCKFILE ??= "1";

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
  // Every page's <title> and meta tags render with the page, never streamed after it (for any
  // browser; a request with no User-Agent still gets them streamed). Streamed, a server action
  // that re-renders the page (add to cart, the language switch) could leave the document without
  // a title for a few hundred milliseconds while the server was busy: seen as a blank tab and as
  // axe's document-title failure. The option's name is Next's: the user agents served blocking
  // metadata.
  htmlLimitedBots: /.*/,
};
