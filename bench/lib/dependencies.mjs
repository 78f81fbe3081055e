import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "./paths.mjs";

/**
 * The benchmark's own npm packages (autocannon, lighthouse, chrome-launcher) come from the repo's
 * node_modules (devDependencies). BENCH_DEPS_DIR names another directory holding them, for a
 * checkout whose package.json does not list them yet.
 */
async function load(name) {
  const bases = [REPO_ROOT, process.env.BENCH_DEPS_DIR].filter(Boolean).map((base) => path.resolve(base));
  for (const base of bases) {
    if (!existsSync(path.join(base, "node_modules", name))) continue;
    let resolved;
    try {
      resolved = createRequire(path.join(base, "package.json")).resolve(name);
    } catch {
      continue; // present but incomplete (an install in progress): try the next place
    }
    return import(pathToFileURL(resolved).href);
  }
  throw new Error(
    `The benchmark needs the npm package "${name}": add it to devDependencies (npm install --save-dev ${name}), ` +
      `or set BENCH_DEPS_DIR to a directory where it is installed.`,
  );
}

/** The package's default export (autocannon, lighthouse). */
export async function importDefault(name) {
  const loaded = await load(name);
  return loaded.default ?? loaded;
}

/** The package's module namespace (chrome-launcher's named exports). */
export async function importNamespace(name) {
  return load(name);
}
