import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/env";

/**
 * Runs before every page and route handler:
 *  - keeps the two origins apart: the store on APP_ORIGIN, the provider sandbox on SANDBOX_ORIGIN
 *    (one server answers both hostnames, so the hosted payment page is genuinely cross-origin);
 *  - sets the security headers, which depend on the runtime configuration.
 */
export function middleware(request: NextRequest) {
  const c = appConfig();
  const host = request.headers.get("host") ?? "";
  const appHost = new URL(c.appOrigin).host;
  const sandboxHost = new URL(c.sandboxOrigin).host;
  const { pathname } = request.nextUrl;
  const separateOrigins = appHost !== sandboxHost;

  // A path whose percent-encoding is malformed (`%E0%A4%A`, `%zz`, a lone surrogate) names no
  // route; left alone, Next's decoding of the dynamic segments would answer it with a 500.
  if (!isDecodable(pathname)) {
    return pathname.startsWith("/api/")
      ? NextResponse.json({ error: { code: "invalid_path", message: "The URL's percent-encoding is malformed" } }, { status: 400 })
      : new NextResponse("Bad Request", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  // Judged on the decoded path: Next also matches routes on it, so `/%73andbox` is /sandbox.
  const decodedPath = decodeURIComponent(pathname);
  const isSandboxPath = decodedPath === "/sandbox" || decodedPath.startsWith("/sandbox/");

  if (separateOrigins && isSandboxPath && host !== sandboxHost) {
    return new NextResponse("Not Found", { status: 404 });
  }
  if (separateOrigins && !isSandboxPath && host === sandboxHost) {
    // The sandbox's origin serves only the sandbox. A lost shopper gets a link to the store (a
    // redirect would be rewritten relative by Next and loop on this host).
    if (request.method === "GET" && !pathname.startsWith("/api/")) {
      const storeHome = escapeHtml(c.appOrigin);
      return new NextResponse(
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>Payment sandbox</title><main style="font:16px system-ui;margin:3rem auto;max-width:32rem"><h1>This is the payment sandbox</h1><p>This origin only serves the providers' emulators. <a href="${storeHome}/">Go to the store</a> or <a href="/sandbox">open the sandbox panel</a>.</p></main></html>`,
        { status: 404, headers: { "content-type": "text/html; charset=utf-8" } },
      );
    }
    return new NextResponse("Not Found", { status: 404 });
  }

  if (isSandboxPath && isCrossSiteSandboxPost(request, c.sandboxOrigin, decodedPath)) {
    return new NextResponse("Forbidden: the sandbox accepts form posts from its own pages only", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  }

  const response = NextResponse.next();
  const headers = response.headers;
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");

  if (isSandboxPath) {
    // The hosted payment pages may be framed by the store, and only by the store.
    headers.set("Content-Security-Policy", `frame-ancestors ${c.appOrigin}`);
    return response;
  }

  // API answers are JSON or redirects (the pay start URL is a redirect an iframe follows): no page policy.
  if (pathname.startsWith("/api/")) return response;

  // The small landing page a popup or iframe returns to must be frameable by the store itself and
  // keep its popup relationship (so it can close itself); every other store page refuses framing.
  const isReturnLanding = /^\/orders\/[^/]+\/return$/.test(pathname);
  headers.set("Content-Security-Policy", storeCsp(c, isReturnLanding ? "'self'" : "'none'"));
  headers.set("Cross-Origin-Opener-Policy", isReturnLanding ? "unsafe-none" : "same-origin-allow-popups");
  if (!isReturnLanding) headers.set("X-Frame-Options", "DENY");
  return response;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The sandbox's pages and controls act on a plain form post (approve a payment, reset the demo
 * data, change its settings): one sent by another site is refused, as the store refuses its own
 * (lib/http/same-origin.ts). Requests with neither header come from scripts and tests. The
 * emulated provider APIs (/sandbox/{provider}/api/...) are server-to-server and authenticated by
 * token or signature, as the real ones are.
 */
function isCrossSiteSandboxPost(request: NextRequest, sandboxOrigin: string, path: string): boolean {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return false;
  if (/^\/sandbox\/[^/]+\/api\//.test(path)) return false;
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== sandboxOrigin) return true;
  return request.headers.get("sec-fetch-site") === "cross-site";
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function storeCsp(c: ReturnType<typeof appConfig>, frameAncestors: string): string {
  const dev = process.env.NODE_ENV === "development";
  // The payment pages the store may frame: the sandbox, and the real providers' hosts.
  const frameSrc = new Set(["'self'", c.sandboxOrigin, new URL(c.steppay.apiBase).origin, new URL(c.unifipay.apiBase).origin, "https://*.steppay.kr"]);
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    `frame-src ${[...frameSrc].join(" ")}`,
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

export const config = {
  runtime: "nodejs",
  // Static files are skipped; the product pages under /products/{id} are not (only their images).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|products/[^/]+\\.svg$|brand/).*)"],
};
