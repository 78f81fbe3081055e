/**
 * HTTP for the harness: global fetch, never following redirects (a 3xx and its Location are
 * what the cases check), with a timeout. Every answer from a store route (anything outside
 * /sandbox/) with a 5xx, or a dropped connection, is counted against the running category unless
 * the call says that status is expected.
 */
import http from "node:http";

let current = null;

/** The category 5xx answers are counted against. */
export function countInto(category) {
  current = category;
}

function isStorePath(url) {
  try {
    const { pathname } = new URL(url);
    return !pathname.startsWith("/sandbox");
  } catch {
    return true;
  }
}

function observe(result, allow5xx) {
  if (!current || !isStorePath(result.url)) return;
  if (result.status === 0) current.saw5xx(`${result.method} ${shortUrl(result.url)}: no answer (${result.error})`);
  else if (result.status >= 500 && !allow5xx.includes(result.status)) current.saw5xx(`${result.method} ${shortUrl(result.url)} → ${result.status} ${result.text.slice(0, 160)}`);
}

export function shortUrl(url) {
  return url.length > 140 ? `${url.slice(0, 137)}…` : url;
}

/**
 * request(url, { method, headers, json, form, body, timeoutMs, allow5xx }) →
 *   { status, headers, location, text, json, ms, url, method, error? } (status 0 = no answer)
 */
export async function request(url, options = {}) {
  const { method = "GET", headers = {}, timeoutMs = 30_000, allow5xx = [], counted = true } = options;
  const sendHeaders = { ...headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    sendHeaders["content-type"] ??= "application/json";
  }
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    sendHeaders["content-type"] = "application/x-www-form-urlencoded";
  }
  const started = Date.now();
  let result;
  try {
    const response = await fetch(url, { method, headers: sendHeaders, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    result = { status: response.status, headers: response.headers, location: response.headers.get("location"), text, json, ms: Date.now() - started, url, method };
  } catch (error) {
    const code = error?.cause?.code ?? error?.name ?? String(error);
    result = { status: 0, headers: new Headers(), location: null, text: "", json: undefined, ms: Date.now() - started, url, method, error: code };
  }
  if (counted) observe(result, allow5xx);
  return result;
}

/**
 * A raw request through node:http, for what fetch will not send (a Host header of our choosing,
 * odd paths sent verbatim). Same result shape as request().
 */
export function rawRequest(origin, path, { method = "GET", headers = {}, body, timeoutMs = 30_000, allow5xx = [] } = {}) {
  const target = new URL(origin);
  const url = `${origin}${path}`;
  const started = Date.now();
  return new Promise((resolve) => {
    const finish = (result) => {
      observe(result, allow5xx);
      resolve(result);
    };
    const req = http.request(
      { host: target.hostname, port: target.port, method, path, headers: { connection: "close", ...headers }, timeout: timeoutMs },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
          finish({ status: res.statusCode ?? 0, headers: h, location: res.headers.location ?? null, text, json, ms: Date.now() - started, url, method });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error) => finish({ status: 0, headers: new Headers(), location: null, text: "", json: undefined, ms: Date.now() - started, url, method, error: error.code ?? error.message }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Runs `tasks` (functions returning promises) with at most `limit` in flight; results in order. */
export async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    for (;;) {
      const index = next++;
      if (index >= tasks.length) return;
      results[index] = await tasks[index]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
export async function poll(probe, { timeoutMs = 15_000, intervalMs = 300 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let value;
  for (;;) {
    value = await probe();
    if (value || Date.now() > deadline) return value;
    await sleep(intervalMs);
  }
}
