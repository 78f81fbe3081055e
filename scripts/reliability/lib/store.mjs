/**
 * Store instances for the harness: `next start` on a port of 3500–3599, in its own process group
 * (so SIGKILL reaches every process it may have), with the store on http://localhost:<port> and
 * the sandbox on http://127.0.0.1:<port>, data under .data/rel-<name>.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { request, sleep } from "./http.mjs";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..", "..");
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
export const LOG_DIR = path.join(ROOT, ".data", "rel-logs");

// Configuration the harness decides per instance; never inherited from the caller's shell.
const STORE_VARIABLES = [
  "APP_ORIGIN",
  "SANDBOX_ORIGIN",
  "DATABASE_URL",
  "PGLITE_DIR",
  "PROVIDER_TIMEOUT_MS",
  "STEPPAY_API_BASE",
  "STEPPAY_SECRET_TOKEN",
  "STEPPAY_WEBHOOK_SECRET",
  "UNIFIPAY_API_BASE",
  "UNIFIPAY_APP_ID",
  "UNIFIPAY_API_KEY",
  "UNIFIPAY_APP_SECRET",
  "UNIFIPAY_STORE_ID",
  "RECONCILE_INTERVAL_MS",
  "RECONCILE_AFTER_MS",
  "SANDBOX_BESIDE_LIVE_PROVIDER",
  "PAYMENT_PROVIDERS",
  "PORT",
  "HOSTNAME",
];

const running = new Set();

export class StoreInstance {
  constructor({ name, port, env = {} }) {
    this.name = name;
    this.port = port;
    this.app = `http://localhost:${port}`;
    this.sbx = `http://127.0.0.1:${port}`;
    this.dataDir = path.join(".data", `rel-${name}`);
    this.extraEnv = env;
    this.child = null;
    this.starts = 0;
    this.tail = [];
    this.watchers = new Set();
  }

  /** Every line the server prints from now on (all of them, unlike `tail`), until `stop()`. */
  watchOutput() {
    const lines = [];
    this.watchers.add(lines);
    return { lines, stop: () => this.watchers.delete(lines) };
  }

  env() {
    const base = { ...process.env };
    for (const key of STORE_VARIABLES) delete base[key];
    return {
      ...base,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: DIST_DIR,
      APP_ORIGIN: this.app,
      SANDBOX_ORIGIN: this.sbx,
      PGLITE_DIR: this.dataDir,
      ...this.extraEnv,
    };
  }

  /** Starts the server (fresh: wipes its PGlite directory first) and waits for /api/health. */
  async start({ fresh = true, timeoutMs = 90_000 } = {}) {
    if (fresh && !this.extraEnv.DATABASE_URL) rmSync(path.join(ROOT, this.dataDir), { recursive: true, force: true });
    mkdirSync(LOG_DIR, { recursive: true });
    const log = createWriteStream(path.join(LOG_DIR, `${this.name}.log`), { flags: this.starts ? "a" : "w" });
    this.starts++;
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(this.port)], {
      cwd: ROOT,
      env: this.env(),
      detached: true, // its own process group: kill(-pid) reaches all of it
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    running.add(this);
    const keep = (chunk) => {
      log.write(chunk);
      for (const line of String(chunk).split("\n")) {
        if (!line.trim()) continue;
        this.tail.push(line);
        for (const watcher of this.watchers) watcher.push(line);
      }
      if (this.tail.length > 60) this.tail.splice(0, this.tail.length - 60);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let exited = null;
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      log.end();
      running.delete(this);
    });
    this.exitedRef = () => exited;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`store ${this.name} exited during start (${JSON.stringify(exited)}):\n${this.tail.slice(-15).join("\n")}`);
      const health = await request(`${this.app}/api/health`, { timeoutMs: 3000, counted: false });
      if (health.status === 200) return this;
      await sleep(250);
    }
    throw new Error(`store ${this.name} did not answer /api/health within ${timeoutMs} ms:\n${this.tail.slice(-15).join("\n")}`);
  }

  get pid() {
    return this.child?.pid;
  }

  alive() {
    return Boolean(this.child && this.exitedRef && !this.exitedRef());
  }

  /** Sends `signal` to the whole process group and waits for the exit. */
  async stop(signal = "SIGTERM", timeoutMs = 15_000) {
    if (!this.alive()) return;
    const child = this.child;
    const done = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
    const timer = sleep(timeoutMs).then(() => "timeout");
    if ((await Promise.race([done, timer])) === "timeout") {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
      await done;
    }
  }

  /** kill -9 of the whole process group: no shutdown code runs. */
  kill9() {
    return this.stop("SIGKILL");
  }

  /**
   * First requests through each sandbox wing run its migrations and start its background senders:
   * do that before anything is timed.
   */
  async warmUp() {
    await request(`${this.sbx}/sandbox/steppay/control/settings`, { timeoutMs: 120_000 });
    await request(`${this.sbx}/sandbox/unifipay/control/settings`, { timeoutMs: 120_000 });
    await request(`${this.sbx}/sandbox/steppay/control/faults`, { timeoutMs: 120_000 });
    await request(`${this.app}/api/orders/00000000-0000-4000-8000-000000000000`, { timeoutMs: 120_000 });
  }
}

/** Stops every instance still running (the harness's exit path). */
export async function stopAll() {
  await Promise.all([...running].map((s) => s.stop("SIGKILL", 5000)));
}

/** Removes the harness's data directories (.data/rel-*), optionally keeping the server logs. */
export function cleanData({ keepLogs = false } = {}) {
  const dataRoot = path.join(ROOT, ".data");
  let names = [];
  try {
    names = readdirSync(dataRoot);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith("rel-")) continue;
    if (keepLogs && name === "rel-logs") continue;
    rmSync(path.join(dataRoot, name), { recursive: true, force: true });
  }
}
