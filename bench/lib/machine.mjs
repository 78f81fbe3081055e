import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

/** What the numbers were measured on. */
export function describeMachine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  return {
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpu: model,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

/**
 * CPU time (user + system, ms) used so far by every process in a process group: the server
 * `next start` runs detached, in its own group. Read from /proc; null where there is none.
 */
export function processGroupCpuMs(pgid) {
  if (!pgid) return null;
  let total = 0;
  let found = false;
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  const tickMs = 1000 / 100; // USER_HZ is 100 on Linux
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after "(comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    found = true;
    total += (Number(fields[11]) + Number(fields[12])) * tickMs;
  }
  return found ? total : null;
}

export function loadAverage() {
  const [one, five, fifteen] = readFileSync("/proc/loadavg", "utf8").split(/\s+/).map(Number);
  return { one, five, fifteen };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the 1-minute load average drops below `threshold` (other builds and tests share the
 * machine), for at most `maxWaitMs`. Returns what was seen, so the report can say whether the
 * numbers were taken on a quiet machine.
 */
export async function waitForQuietMachine({ label, threshold = 1.0, maxWaitMs = 120_000, log = console.log }) {
  const started = Date.now();
  let load = loadAverage();
  if (load.one >= threshold && maxWaitMs > 0) log(`  waiting for load < ${threshold} before ${label} (now ${load.one.toFixed(2)}, at most ${Math.round(maxWaitMs / 1000)} s)`);
  while (load.one >= threshold && Date.now() - started < maxWaitMs) {
    await sleep(2_000);
    load = loadAverage();
  }
  const waitedMs = Date.now() - started;
  return { label, load1: load.one, quiet: load.one < threshold, waitedMs };
}
