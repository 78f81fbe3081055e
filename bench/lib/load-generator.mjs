import { importDefault } from "./dependencies.mjs";

/**
 * Load, driven from this process: autocannon for HTTP, a small worker pool for in-process work
 * (a database transaction). Each measurement returns raw latencies, so samples taken in several
 * interleaved rounds merge into one exact median and p99.
 */

/**
 * One autocannon run. `next()` returns the request to send ({path, method?, headers?, body?}).
 * `serverCpuMs()`, when given, reads the server's CPU time, so the sample also says how much CPU
 * the server spent per request (independent of what else the machine runs).
 */
export async function httpSample({ origin, connections, durationSec, amount, next, okStatus = [200], checkBody, timeoutSec = 30, serverCpuMs }) {
  const cpuBefore = serverCpuMs?.() ?? null;
  const autocannon = await importDefault("autocannon");
  const latencies = [];
  const statuses = new Map();
  let badBodies = 0;
  let errors = 0;
  const host = new URL(origin).host;
  const started = performance.now();
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections,
        ...(amount ? { amount } : { duration: durationSec }),
        timeout: timeoutSec,
        requests: [
          {
            setupRequest: (request) => {
              const wanted = next();
              return {
                ...request,
                method: wanted.method ?? "GET",
                path: wanted.path,
                headers: { host, ...(wanted.body ? { "content-type": "application/json" } : {}), ...(wanted.headers ?? {}) },
                body: wanted.body,
              };
            },
            ...(checkBody
              ? {
                  onResponse: (status, body, context, headers) => {
                    if (!checkBody(status, body, context, headers)) badBodies++;
                  },
                }
              : {}),
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
    instance.on("reqError", () => errors++);
  });
  const elapsedMs = performance.now() - started;
  const cpuAfter = serverCpuMs?.() ?? null;
  const unexpected = [...statuses].filter(([status]) => !okStatus.includes(status)).reduce((sum, [, n]) => sum + n, 0);
  const serverCpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
  return { latencies, elapsedMs, errors: errors + (result.timeouts ?? 0), unexpected, badBodies, statuses: Object.fromEntries(statuses), serverCpuMs: serverCpu };
}

/** `concurrency` workers calling `task()` back to back for `durationSec`. */
export async function inProcessSample({ concurrency, durationSec, task }) {
  const latencies = [];
  let errors = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + durationSec * 1000;
  let firstError = null;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          await task();
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors++;
          firstError ??= error;
        }
      }
    }),
  );
  if (firstError && latencies.length === 0) throw firstError;
  const cpu = process.cpuUsage(cpuBefore);
  // This process's CPU: for PGlite the whole database work; for PostgreSQL only the client side.
  return { latencies, elapsedMs: performance.now() - started, errors, unexpected: 0, badBodies: 0, statuses: {}, serverCpuMs: (cpu.user + cpu.system) / 1000 };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Merges the samples of one figure. */
export function summarize(samples) {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const elapsedMs = samples.reduce((sum, s) => sum + s.elapsedMs, 0);
  const count = latencies.length;
  const withCpu = samples.filter((s) => typeof s.serverCpuMs === "number");
  const cpuRequests = withCpu.reduce((sum, s) => sum + s.latencies.length, 0);
  return {
    count,
    /** Server CPU (ms) per request, over the samples that measured it; null when none did. */
    serverCpuMsPerRequest: cpuRequests > 0 ? withCpu.reduce((sum, s) => sum + s.serverCpuMs, 0) / cpuRequests : null,
    medianMs: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    rps: elapsedMs > 0 ? count / (elapsedMs / 1000) : 0,
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    unexpected: samples.reduce((sum, s) => sum + s.unexpected, 0),
    badBodies: samples.reduce((sum, s) => sum + s.badBodies, 0),
    rounds: samples.length,
  };
}

/**
 * Runs every target once per round, in turn, for `rounds` rounds: numbers that are compared with
 * each other see the same contention from the rest of the machine. Every other round runs the
 * targets in reverse order (A B … B A), so no target always goes first or last. A target with
 * `keys` (see `alternate`) measures several figures in one turn and answers `{ [key]: samples[] }`.
 */
export async function interleave({ rounds, durationSec, targets, log }) {
  const samples = new Map(targets.flatMap((t) => t.keys ?? [t.key]).map((key) => [key, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const target of round % 2 === 0 ? [...targets].reverse() : targets) {
      const answer = await target.run(durationSec, round);
      for (const [key, taken] of target.keys ? Object.entries(answer) : [[target.key, [answer]]]) {
        samples.get(key).push(...taken);
        const requests = taken.reduce((sum, s) => sum + s.latencies.length, 0);
        const seconds = taken.reduce((sum, s) => sum + s.elapsedMs, 0) / 1000;
        log?.(`    round ${round}/${rounds} ${key}: ${requests} requests in ${seconds.toFixed(1)} s`);
      }
    }
  }
  return new Map([...samples].map(([key, list]) => [key, summarize(list)]));
}

/**
 * Several figures measured in turns of `slices` short slices each (A B B A A B …), for one turn of
 * `interleave` (a target with `keys`): each figure gets the turn's whole duration, in pieces, and
 * its slices join the figure's other samples (summarize merges them).
 */
export function alternate(runs, slices) {
  const keys = Object.keys(runs);
  return async (durationSec, round) => {
    const parts = Object.fromEntries(keys.map((key) => [key, []]));
    for (let i = 0; i < slices; i++) {
      for (const key of i % 2 === 0 ? keys : [...keys].reverse()) parts[key].push(await runs[key](durationSec / slices, round));
    }
    return parts;
  };
}

/** A round-robin over a fixed list. */
export function cycle(list) {
  let i = 0;
  return () => list[i++ % list.length];
}
