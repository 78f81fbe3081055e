import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { addCompileHints } from "../../scripts/compile-hints.mjs";
import { REPO_ROOT } from "./paths.mjs";

export const NEXT_BIN = path.join(REPO_ROOT, "node_modules", "next", "dist", "bin", "next");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `next build` into its own dist dir, then the compile hints `npm run build` adds. Next rewrites
 * the tsconfig and next-env.d.ts to point at that dir; they are put back byte for byte afterwards
 * (other builds in this checkout use .next).
 */
export async function buildApp({ distDir, log }) {
  const kept = [...readdirSync(REPO_ROOT).filter((name) => /^tsconfig.*\.json$/.test(name)), "next-env.d.ts"]
    .map((name) => path.join(REPO_ROOT, name))
    .filter((file) => existsSync(file))
    .map((file) => ({ file, text: readFileSync(file, "utf8") }));
  const started = Date.now();
  try {
    await run(process.execPath, [NEXT_BIN, "build"], { env: { NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" }, log, label: "next build" });
    addCompileHints(path.join(REPO_ROOT, distDir)); // as `npm run build` does
  } finally {
    for (const { file, text } of kept) if (readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  }
  return Date.now() - started;
}

export function run(command, args, { env, log, label }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk) => {
      output += chunk;
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(output);
      else {
        log?.(output.slice(-4000));
        reject(new Error(`${label} exited with ${code}`));
      }
    });
  });
}

/**
 * `next start` with the sandbox on a second origin (localhost for the store, 127.0.0.1 for the
 * sandbox, one port), in its own process group so stop() ends it and nothing else.
 *
 * `sandboxProcess: true` (an experiment, BENCH_SANDBOX_PROCESS=own): the sandbox is served by a
 * second `next start` of the same build on port + 10, with a database of its own (PGlite: its own
 * data dir; PostgreSQL: the same database, which keeps each wing's tables apart), and the store
 * reaches it there, as it would reach a provider on another machine. `pids` then lists both.
 */
export async function startServer({ name, port, distDir, env, log, nodeArgs = [], sandboxProcess = false }) {
  if (!sandboxProcess) {
    const store = await startNext({ name, port, distDir, env, log, nodeArgs, sandboxOrigin: `http://127.0.0.1:${port}` });
    return { ...store, pids: [store.pid] };
  }
  const sandboxOrigin = `http://127.0.0.1:${port + 10}`;
  const sandboxEnv = { ...env, ...(env.PGLITE_DIR ? { PGLITE_DIR: `${env.PGLITE_DIR}-sandbox` } : {}) };
  const sandbox = await startNext({ name: `${name}-sandbox`, port: port + 10, distDir, env: sandboxEnv, log, sandboxOrigin, appOrigin: `http://localhost:${port}` });
  try {
    const store = await startNext({ name, port, distDir, env, log, nodeArgs, sandboxOrigin });
    return {
      ...store,
      pids: [store.pid, sandbox.pid],
      stop: async () => {
        await store.stop();
        await sandbox.stop();
      },
      output: () => `${store.output()}\n--- ${sandbox.name} ---\n${sandbox.output()}`,
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

async function startNext({ name, port, distDir, env, log, nodeArgs = [], sandboxOrigin, appOrigin = `http://localhost:${port}` }) {
  const healthOrigin = `http://localhost:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, NEXT_BIN, "start", "-p", String(port)], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: distDir,
      APP_ORIGIN: appOrigin,
      SANDBOX_ORIGIN: sandboxOrigin,
      RECONCILE_INTERVAL_MS: "0",
      ...env,
    },
  });
  let output = "";
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 100_000) output = output.slice(-50_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));

  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 20 && !exited; i++) await sleep(100);
    }
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`${name}: next start exited (${JSON.stringify(exited)}):\n${output.slice(-3000)}`);
    try {
      const response = await fetch(`${healthOrigin}/api/health`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name}: not healthy within 90 s:\n${output.slice(-3000)}`);
    }
    await sleep(250);
  }
  log?.(`  ${name}: next start on ${healthOrigin} (pid ${child.pid})`);
  return { name, port, pid: child.pid, appOrigin, sandboxOrigin, stop, output: () => output };
}
