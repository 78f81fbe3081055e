import { gzipSync } from "node:zlib";

/**
 * First-load JS of a page, as `next build` used to print it: every distinct JS chunk the
 * server-rendered HTML makes a current browser load (`<script src>` without `nomodule`, and script
 * preloads), each
 * gzipped (level 9, like gzip-size), summed.
 */
export async function firstLoadJs(appOrigin, pathname, { cookie } = {}) {
  const response = await fetch(`${appOrigin}${pathname}`, { headers: cookie ? { cookie } : {} });
  if (response.status !== 200) throw new Error(`GET ${pathname}: ${response.status}`);
  const html = await response.text();
  const sources = new Set();
  // A `nomodule` script (Next's legacy polyfills) is never fetched by a browser that runs modules.
  for (const match of html.matchAll(/<script\b[^>]*>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(match[0])?.[1];
    if (src && !/\bnomodule\b/i.test(match[0])) sources.add(src);
  }
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && (/\brel="modulepreload"/.test(tag) || (/\brel="preload"/.test(tag) && /\bas="script"/.test(tag)))) sources.add(href);
  }
  const chunks = [];
  for (const src of sources) {
    const url = new URL(src.replace(/&amp;/g, "&"), appOrigin);
    if (url.origin !== new URL(appOrigin).origin) continue;
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    chunks.push({ src: url.pathname, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");
  return {
    pathname,
    chunks,
    gzipBytes: chunks.reduce((sum, c) => sum + c.gzip, 0),
    rawBytes: chunks.reduce((sum, c) => sum + c.bytes, 0),
    htmlGzipBytes: gzipSync(Buffer.from(html), { level: 9 }).length,
    inlineScriptGzipBytes: gzipSync(Buffer.from(inlineScripts), { level: 9 }).length,
  };
}

/**
 * The framework's own share: the same measurement on an app with nothing in it (one server page,
 * no client component, no CSS) built with this checkout's Next and React, by webpack (how the
 * store is built) or Turbopack, with the compile hints `npm run build` adds, as the store's pages
 * have them. What no app code can take away. `cleanup` gets the step that stops its server, should
 * the run be interrupted while it is up.
 */
export async function frameworkFloor({ bundler, port, log, cleanup = [] }) {
  const [{ spawn }, { mkdirSync, rmSync, writeFileSync }, path, { NEXT_BIN, run }, { REPO_ROOT }, { addCompileHints }] = await Promise.all([
    import("node:child_process"),
    import("node:fs"),
    import("node:path"),
    import("./next-server.mjs"),
    import("./paths.mjs"),
    import("../../scripts/compile-hints.mjs"),
  ]);
  const origin = `http://localhost:${port}`;
  if (await fetch(origin).then(() => true, () => false)) throw new Error(`empty app (${bundler}): port ${port} is already answering`);
  const dir = path.join(REPO_ROOT, "bench", ".tmp", `framework-floor-${bundler}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(path.join(dir, "next.config.js"), "module.exports = {};\n");
  writeFileSync(path.join(dir, "app", "layout.js"), 'export default function RootLayout({ children }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n');
  writeFileSync(path.join(dir, "app", "page.js"), "export default function Page() {\n  return <p>Hello</p>;\n}\n");
  const env = { NEXT_TELEMETRY_DISABLED: "1" };
  try {
    await run(process.execPath, [NEXT_BIN, "build", ...(bundler === "turbopack" ? ["--turbopack"] : []), dir], { env, log, label: `next build (empty app, ${bundler})` });
    addCompileHints(path.join(dir, ".next"));
    const child = spawn(process.execPath, [NEXT_BIN, "start", dir, "-p", String(port)], { cwd: REPO_ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env, NODE_ENV: "production" } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    let exited = null;
    child.on("exit", (code, signal) => (exited = { code, signal }));
    const stop = () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    };
    cleanup.push(stop);
    try {
      for (let tries = 0; ; tries++) {
        if (exited) throw new Error(`empty app (${bundler}): next start exited (${JSON.stringify(exited)}):\n${output.slice(-2000)}`);
        if (await fetch(origin).then((response) => response.ok, () => false)) break;
        if (tries > 120) throw new Error(`empty app (${bundler}) did not start within 30 s:\n${output.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return { bundler, ...(await firstLoadJs(origin, "/")) };
    } finally {
      stop();
      cleanup.splice(cleanup.indexOf(stop), 1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
