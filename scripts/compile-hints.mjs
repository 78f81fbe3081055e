#!/usr/bin/env node
/**
 * After `next build`: marks the framework's startup chunks (the build manifest's `rootMainFiles`:
 * the bundler's runtime, React DOM, Next's app router; loaded and run by every page) with V8's
 * explicit compile hint, `//# allFunctionsCalledOnLoad` (Chrome 136+, ignored elsewhere).
 *
 * Why: without it V8 compiles those functions lazily, on the main thread, the first time each runs,
 * which is most of the long task that hydration shows in Lighthouse's total blocking time. With it,
 * Chrome compiles them on the background thread that already streams the script. Measured on the
 * product page (Lighthouse mobile, 5 runs each): see the README's Performance section.
 *
 * Only the root chunks: each page's own chunks are small, and a chunk that is loaded later or
 * not at all would be compiled for nothing. Idempotent (a second run changes nothing), so a build
 * directory can be passed twice. No source maps ship to browsers, so no line offsets shift.
 *
 * Usage: node scripts/compile-hints.mjs            (the dist dir is NEXT_DIST_DIR or .next)
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/** Adds the hint to every root chunk of the build in `distDir`; returns the chunks it changed. */
export function addCompileHints(distDir) {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8"));
  const roots = manifest.rootMainFiles;
  if (!Array.isArray(roots) || roots.length === 0) throw new Error(`${distDir}/build-manifest.json lists no rootMainFiles; is this an App Router build?`);
  const changed = [];
  for (const file of roots) {
    const full = path.join(distDir, file);
    const code = readFileSync(full, "utf8");
    if (code.startsWith(COMPILE_HINT)) continue;
    writeFileSync(full, COMPILE_HINT + code);
    changed.push(file);
  }
  return { roots, changed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const { roots, changed } = addCompileHints(distDir);
  console.log(`compile hints: ${changed.length} of ${roots.length} startup chunks in ${distDir} marked${changed.length < roots.length ? ` (${roots.length - changed.length} already were)` : ""}`);
}
