/**
 * A throwaway PostgreSQL for category 8: Debian's `postgresql` binaries (installed with apt-get
 * when missing and running as root), a cluster initialised into .data/rel-pg (owned by the
 * `postgres` user when we are root, since initdb refuses to run as root), listening on
 * 127.0.0.1:<port> with its unix socket in /tmp, trust authentication, fsync off. Stopped and
 * removed at the end of the run. (When the postgres user cannot reach .data/, the cluster goes
 * under /tmp instead.)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ROOT } from "./store.mjs";

const DATA_DIR = path.join(ROOT, ".data", "rel-pg");
let started = null; // { bin, dataDir, port, asPostgres }

/** .data/rel-pg, unless the postgres user cannot reach it (a checkout under a private home): then /tmp. */
function dataDirFor(asPostgres) {
  if (!asPostgres) return DATA_DIR;
  mkdirSync(path.dirname(DATA_DIR), { recursive: true });
  const probe = spawnSync("runuser", ["-u", "postgres", "--", "test", "-x", path.dirname(DATA_DIR)]);
  return probe.status === 0 ? DATA_DIR : path.join("/tmp", `rel-pg-${process.pid}`);
}

function findBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], "bin") : null;
}

function isRoot() {
  return process.getuid?.() === 0;
}

function run(command, args, { asPostgres = false, allowFail = false } = {}) {
  const [cmd, argv] = asPostgres ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { encoding: "utf8", cwd: "/tmp" });
  if (result.status !== 0 && !allowFail) throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${(result.stderr || result.stdout || String(result.error)).slice(0, 600)}`);
  return result;
}

async function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1" }, () => server.close(() => resolve(true)));
  });
}

/**
 * Returns { url } for a fresh database, or { skipped: reason }. Installs the package when missing
 * and running as root.
 */
export async function startPostgres() {
  let bin = findBin();
  if (!bin && isRoot()) {
    console.log("    installing Debian's postgresql package (apt-get)");
    run("apt-get", ["update", "-qq"], { allowFail: true });
    const install = spawnSync("apt-get", ["install", "-y", "-qq", "postgresql"], { encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (install.status !== 0) return { skipped: `apt-get install postgresql failed: ${(install.stderr || "").slice(0, 300)}` };
    bin = findBin();
  }
  if (!bin) return { skipped: "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb) and this is not root, so it cannot be installed" };
  const asPostgres = isRoot();
  if (asPostgres) {
    const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    if (id.status !== 0) return { skipped: "running as root but there is no postgres user to run initdb as" };
  }
  let port = 55432;
  while (!(await portFree(port)) && port < 55500) port++;

  const dataDir = dataDirFor(asPostgres);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  if (asPostgres) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dataDir, uid, gid);
  }
  run(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], { asPostgres });
  const log = path.join(dataDir, "server.log");
  const options = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  started = { bin, dataDir, port, asPostgres };
  run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-l", log, "-w", "-t", "60", "-o", options, "start"], { asPostgres });
  run(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "reliability"]);
  return { url: `postgres://postgres@127.0.0.1:${port}/reliability`, port, version: path.basename(path.dirname(bin)) };
}

/** Whether a psql client is available (to edit the provider's records in place). */
export function hasPsql() {
  const bin = started?.bin ?? findBin();
  return spawnSync(bin ? path.join(bin, "psql") : "psql", ["--version"]).status === 0;
}

/** psql -c against a database URL; returns stdout. */
export function psql(url, sql) {
  const bin = started?.bin ?? findBin();
  const psqlBin = bin ? path.join(bin, "psql") : "psql";
  const result = spawnSync(psqlBin, [url, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`psql: ${(result.stderr || String(result.error)).slice(0, 300)}`);
  return result.stdout.trim();
}

export async function stopPostgres() {
  if (!started) return;
  const { bin, dataDir, asPostgres } = started;
  started = null;
  run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "-t", "30", "stop"], { asPostgres, allowFail: true });
  rmSync(dataDir, { recursive: true, force: true });
}
