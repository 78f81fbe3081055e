import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./paths.mjs";

/**
 * A throwaway PostgreSQL cluster for the PostgreSQL figures: Debian's `postgresql` package
 * (installed with apt-get when missing and running as root), `initdb` into .data/bench-pg as the
 * postgres user, started on its own port with its socket in /tmp; stop() stops and deletes it.
 */
function findBinDir() {
  const candidates = [];
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    for (const version of readdirSync(root).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(root, version, "bin"));
  }
  return candidates.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
}

function installPostgres(log) {
  if (process.getuid?.() !== 0) return false;
  log("  installing PostgreSQL with apt-get (Debian package postgresql)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update"], { stdio: "ignore", env });
  const result = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"], { stdio: "ignore", env });
  return result.status === 0;
}

export async function startThrowawayPostgres({ port = 55532, dataDir = ".data/bench-pg", log = console.log } = {}) {
  let bin = findBinDir();
  if (!bin && installPostgres(log)) bin = findBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install postgresql) and could not be installed");
  const dir = path.resolve(REPO_ROOT, dataDir);
  const asPostgres = process.getuid?.() === 0 ? (cmd, args) => ["runuser", ["-u", "postgres", "--", cmd, ...args]] : (cmd, args) => [cmd, args];
  const run = (cmd, args) => {
    const [command, argv] = asPostgres(path.join(bin, cmd), args);
    return execFileSync(command, argv, { stdio: "pipe", cwd: "/tmp" }).toString();
  };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  run("initdb", ["-D", dir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  run("pg_ctl", ["-D", dir, "-l", path.join(dir, "server.log"), "-o", `-p ${port} -k /tmp -c listen_addresses=127.0.0.1`, "-w", "start"]);
  const version = run("pg_ctl", ["--version"]).trim();
  log(`  ${version} on 127.0.0.1:${port} (data ${dataDir})`);
  const psql = (sql) => {
    const [command, argv] = asPostgres(path.join(bin, "psql"), ["-h", "/tmp", "-p", String(port), "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql]);
    execFileSync(command, argv, { stdio: "pipe", cwd: "/tmp" });
  };
  let stopped = false;
  return {
    version,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    createDatabase: (name) => psql(`create database ${name}`),
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", dir, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
