#!/usr/bin/env node
/**
 * The house's import rules, checked rather than hoped for (see CONVENTIONS):
 *  1. store code never imports the sandbox: it reaches it over HTTP only, like a real provider;
 *  2. the sandbox never imports store code either: it is a provider, reached by the store and
 *     reaching the store over HTTP only. It shares only the database handle (lib/db/client) and
 *     the environment (lib/env); its tests may use the store's clients on purpose (contract tests);
 *  3. provider clients (lib/providers/**) import neither Next.js nor the database, so a merchant
 *     can copy a provider folder into any Node project.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const problems = [];

function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (/\.(ts|tsx|mjs|js)$/.test(entry)) out.push(full);
  }
  return out;
}

function importsOf(file) {
  const text = readFileSync(file, "utf8");
  const found = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g)) {
    found.push(match[1] ?? match[2] ?? match[3]);
  }
  return found;
}

function resolvesInto(file, spec, target) {
  if (spec.startsWith("@/")) return spec.slice(2).startsWith(target);
  if (spec.startsWith(".")) return path.relative(root, path.resolve(path.dirname(file), spec)).startsWith(target);
  return false;
}

const rel = (file) => path.relative(root, file);
const storeFiles = [...walk(path.join(root, "app")), ...walk(path.join(root, "lib")), path.join(root, "middleware.ts")].filter(
  (file) => !rel(file).startsWith("app/sandbox") && !rel(file).startsWith("lib/sandbox"),
);
for (const file of storeFiles) {
  for (const spec of importsOf(file)) {
    if (resolvesInto(file, spec, "lib/sandbox") || resolvesInto(file, spec, "app/sandbox")) {
      problems.push(`${rel(file)} imports sandbox code (${spec}); the store must reach the sandbox over HTTP only`);
    }
  }
}

const SANDBOX_MAY_IMPORT = ["lib/sandbox", "app/sandbox", "lib/db/client", "lib/env"];
const isSandboxTestCode = (file) => /\.test\.tsx?$/.test(file) || /(^|\/)test-fixtures\.ts$/.test(file);
const sandboxFiles = [...walk(path.join(root, "app/sandbox")), ...walk(path.join(root, "lib/sandbox"))].filter((file) => !isSandboxTestCode(file));
for (const file of sandboxFiles) {
  for (const spec of importsOf(file)) {
    const local = spec.startsWith("@/") || spec.startsWith(".");
    if (!local) continue;
    if (!SANDBOX_MAY_IMPORT.some((allowed) => resolvesInto(file, spec, allowed))) {
      problems.push(`${rel(file)} imports store code (${spec}); the sandbox reaches the store over HTTP only`);
    }
  }
}

for (const file of walk(path.join(root, "lib/providers"))) {
  for (const spec of importsOf(file)) {
    const framework = spec === "next" || spec.startsWith("next/") || spec === "server-only" || spec.startsWith("react");
    const database = spec.startsWith("drizzle-orm") || spec.startsWith("@electric-sql") || spec === "pg";
    const outside = (spec.startsWith("@/") && !spec.startsWith("@/lib/providers")) || (spec.startsWith(".") && !path.relative(root, path.resolve(path.dirname(file), spec)).startsWith("lib/providers"));
    if (framework || database || outside) problems.push(`${rel(file)} imports ${spec}; provider clients must stay framework-free, database-free and self-contained`);
  }
}

if (problems.length) {
  console.error(`House rules broken:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(
  `House rules hold: ${storeFiles.length} store files import no sandbox code; ${sandboxFiles.length} sandbox files import no store code; provider clients are framework-free.`,
);
