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
