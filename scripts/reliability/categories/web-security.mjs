/**
 * 7. Web security: open redirects through every return and pay URL (query, path and Host-header
 * tricks), cross-site POSTs, security headers, secrets in the client bundle, and the sandbox
 * closed (404 everywhere) once real provider credentials are configured.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { rawRequest, request } from "../lib/http.mjs";
import { CARDS, createOrder, decideUnifi, getOrder, openStepPay, openUnifi, orderBody, paymentRef, submitStepPay } from "../lib/shop.mjs";
import { DIST_DIR, ROOT } from "../lib/store.mjs";

const EVIL = "evil.example";

export async function webSecurity(cat, store, realCredentials, stepPayOnly) {
  const startReal = realCredentials.start(); // boots while the main store is probed
  startReal.catch(() => undefined);
  const startStepPayOnly = stepPayOnly.start();
  startStepPayOnly.catch(() => undefined);
  await openRedirects(cat, store);
  await crossSite(cat, store);
  await headers(cat, store);
  await bundleSecrets(cat);
  await startReal;
  await sandboxClosed(cat, realCredentials);
  await cat.run("one provider turned off (PAYMENT_PROVIDERS=steppay, real StepPay): the store starts", async (t) => {
    const started = await startStepPayOnly.then(() => null, (error) => error);
    t.expect(started === null, `did not start: ${String(started?.message ?? started).slice(0, 300)}`);
  });
  await singleProvider(cat, stepPayOnly);
}

/** Where a 3xx may lead: the store, the sandbox, or (for the pay URL) the provider's page on it. */
function allowedLocation(store, location, requestUrl) {
  if (!location) return true;
  if (/^\s*(javascript|data|vbscript):/i.test(location)) return false;
  if (/^[\\/]{2}|^\/\\|^\\/.test(location.trim())) return false; // protocol-relative or backslash tricks
  let target;
  try {
    target = new URL(location, requestUrl);
  } catch {
    return false;
  }
  return target.origin === store.app || target.origin === store.sbx;
}

async function openRedirects(cat, store) {
  const app = store.app;
  // Real objects, so the handlers follow their full path (lookup, sync, redirect).
  const sOrder = await createOrder(store, "steppay");
  await openStepPay(store, sOrder.id);
  const sCode = await paymentRef(store, sOrder.id);
  const uOrder = await createOrder(store, "unifipay");
  const uTx = await openUnifi(store, uOrder.id);
  const paidS = await createOrder(store, "steppay");
  const paidReturn = await submitStepPay(store, (await openStepPay(store, paidS.id)).token, CARDS.approved);
  await request(paidReturn);

  const evilValues = [
    `//${EVIL}`,
    `https://${EVIL}`,
    `https://${EVIL}/orders/x`,
    `/\\${EVIL}`,
    `\\\\${EVIL}`,
    `javascript:alert(document.domain)`,
    `${app}.${EVIL}`,
    `${app}@${EVIL}`,
    `%2F%2F${EVIL}`,
    `https:${EVIL}`,
  ];
  const urls = [];
  for (const v of evilValues) {
    const e = encodeURIComponent(v);
    urls.push([`StepPay return order_code=${v}`, `/api/payments/steppay/redirect/success?order_code=${e}&status=success`]);
    urls.push([`StepPay return with a real code and returnUrl/next/redirect=${v}`, `/api/payments/steppay/popup/success?order_code=${sCode}&returnUrl=${e}&next=${e}&redirect=${e}&redirect_uri=${e}`]);
    urls.push([`Unifi return transactionId=${v}`, `/api/payments/unifipay/redirect/return?transactionId=${e}`]);
    urls.push([`Unifi return with a real id and returnUrl=${v}`, `/api/payments/unifipay/iframe/return?transactionId=${uTx}&returnUrl=${e}&next=${e}`]);
    urls.push([`pay URL mode=${v}`, `/api/orders/${sOrder.id}/pay?mode=${e}`]);
  }
  const pathTricks = [
    ["mode segment //evil", `/api/payments/steppay/%2F%2F${EVIL}/success?order_code=${sCode}`],
    ["outcome segment ..", `/api/payments/steppay/redirect/..%2F..%2F${EVIL}?order_code=${sCode}`],
    ["double slash path", `//${EVIL}/api/payments/steppay/redirect/success?order_code=${sCode}`],
    ["backslash path", `/\\${EVIL}/api/payments/unifipay/redirect/return?transactionId=${uTx}`],
    ["pay URL for a settled order with a redirect parameter", `/api/orders/${paidS.id}/pay?mode=redirect&redirect=${encodeURIComponent(`https://${EVIL}`)}`],
    ["pay URL with two modes", `/api/orders/${uOrder.id}/pay?mode=iframe&mode=${encodeURIComponent(`//${EVIL}`)}`],
    ["order page with a trailing //evil", `/orders/${sOrder.id}//${EVIL}`],
  ];
  for (const [name, p] of [...urls, ...pathTricks]) {
    await cat.run(`no open redirect: ${name}`, async (t) => {
      const res = await rawRequest(app, p);
      t.expect(res.status !== 0 && res.status < 500, `answered ${res.status || res.error}`);
      t.expect(allowedLocation(store, res.location, `${app}/`), `Location leaves our origins: ${res.location}`);
    });
  }
  // Host / X-Forwarded-Host: return URLs and redirects come from APP_ORIGIN, never from headers.
  const hostCases = [
    ["Host: evil.example", { host: EVIL }],
    ["X-Forwarded-Host: evil.example", { "x-forwarded-host": EVIL, "x-forwarded-proto": "https" }],
    ["Host and X-Forwarded-Host both evil", { host: EVIL, "x-forwarded-host": EVIL, forwarded: `host=${EVIL};proto=https` }],
  ];
  const hostTargets = [
    ["StepPay return", `/api/payments/steppay/redirect/success?order_code=${sCode}&status=success`],
    ["StepPay return, unknown code", `/api/payments/steppay/iframe/cancel?order_code=order_nope000001`],
    ["Unifi return", `/api/payments/unifipay/popup/return?transactionId=${uTx}`],
    ["pay URL (provider page)", `/api/orders/${sOrder.id}/pay?mode=redirect`],
    ["pay URL of a paid order", `/api/orders/${paidS.id}/pay?mode=popup`],
  ];
  for (const [hname, h] of hostCases) {
    for (const [tname, p] of hostTargets) {
      await cat.run(`no open redirect with ${hname}: ${tname}`, async (t) => {
        const res = await rawRequest(app, p, { headers: h });
        t.expect(res.status >= 300 && res.status < 400, `answered ${res.status || res.error} ${res.text.slice(0, 80)}`);
        t.expect(allowedLocation(store, res.location, `${app}/`) && !(res.location ?? "").includes(EVIL), `Location ${res.location}`);
      });
    }
  }
  await cat.run("the pay URL's provider page and the provider's return both stay on our origins", async (t) => {
    const pay = await request(`${app}/api/orders/${sOrder.id}/pay?mode=iframe`);
    t.expect(pay.status === 302 && (pay.location ?? "").startsWith(`${store.sbx}/sandbox/steppay/checkout/`), `pay URL → ${pay.status} ${pay.location}`);
    const tx = await openUnifi(store, uOrder.id, "popup");
    const back = await decideUnifi(store, tx, "cancel");
    t.expect(back.startsWith(`${app}/api/payments/unifipay/popup/return?`), `Unifi sends the shopper back to ${back}`);
  });
  await cat.run("the sandbox host never serves store pages: 404 with a link to the store, no redirect loop", async (t) => {
    const res = await request(`${store.sbx}/orders/${sOrder.id}`);
    t.expect(res.status === 404 && !res.location, `answered ${res.status} ${res.location ?? ""}`);
    t.expect((res.text ?? "").includes(`href="${app}/"`) && !(res.text ?? "").includes(sOrder.id), "a link to the store, and nothing of the order");
    const tricky = await rawRequest(store.sbx, `//${EVIL}/x`);
    t.expect(allowedLocation(store, tricky.location, `${store.sbx}/`), `//evil on the sandbox host → ${tricky.location}`);
  });
  await cat.run("the sandbox host never serves the store's webhook endpoint: 404", async (t) => {
    const res = await request(`${store.sbx}/api/webhooks/steppay`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    t.expect(res.status === 404, `answered ${res.status} ${res.text.slice(0, 80)}`);
  });
}

async function crossSite(cat, store) {
  const app = store.app;
  const paid = await createOrder(store, "steppay");
  await request(await submitStepPay(store, (await openStepPay(store, paid.id)).token, CARDS.approved));
  const origins = [
    ["Origin: https://evil.example", { origin: `https://${EVIL}` }],
    ["Sec-Fetch-Site: cross-site (no Origin)", { "sec-fetch-site": "cross-site" }],
    ["Origin: null", { origin: "null" }],
    ["Origin: the sandbox's origin", { origin: store.sbx }],
    ["Origin: a look-alike host", { origin: `${app}.${EVIL}` }],
    ["same Origin but Sec-Fetch-Site: cross-site", { origin: app, "sec-fetch-site": "cross-site" }],
  ];
  for (const [name, h] of origins) {
    await cat.run(`cross-site POST /api/orders (${name}) → 403`, async (t) => {
      const res = await request(`${app}/api/orders`, { method: "POST", json: orderBody("steppay"), headers: h });
      if (res.status === 201) t.wrong(`order created: ${res.json?.id}`);
      else t.expect(res.status === 403 && res.json?.error?.code, `answered ${res.status} ${res.text.slice(0, 80)}`);
    });
    await cat.run(`cross-site POST /api/orders/{id}/refund (${name}) → 403, nothing refunded`, async (t) => {
      const res = await request(`${app}/api/orders/${paid.id}/refund`, { method: "POST", json: { amount: 1000 }, headers: h });
      if (res.status === 200) t.wrong(`refund accepted: ${res.text.slice(0, 80)}`);
      else t.expect(res.status === 403, `answered ${res.status}`);
      const read = await getOrder(store, paid.id);
      if (read?.refundedAmount) t.wrong(`refundedAmount is ${read.refundedAmount}`);
    });
    await cat.run(`cross-site POST /api/subscriptions/{id}/cancel-now (${name}) → 403`, async (t) => {
      const res = await request(`${app}/api/subscriptions/1/cancel-now`, { method: "POST", body: "{}", headers: { "content-type": "application/json", "x-subscriber-token": "a.1.b", ...h } });
      if (res.status >= 200 && res.status < 300) t.wrong(`answered ${res.status}`);
      else t.expect(res.status === 403, `answered ${res.status}`);
    });
  }
  await cat.run("same-origin POST /api/orders (Origin = APP_ORIGIN, Sec-Fetch-Site: same-origin) is allowed", async (t) => {
    const res = await request(`${app}/api/orders`, { method: "POST", json: orderBody("unifipay"), headers: { origin: app, "sec-fetch-site": "same-origin" } });
    t.expect(res.status === 201, `answered ${res.status}`);
  });
  await cat.run("the paid order targeted by cross-site refunds is still paid, nothing refunded", async (t) => {
    const read = await getOrder(store, paid.id);
    t.expect(read?.status === "paid" && read.refundedAmount === 0, `${read?.status} refunded ${read?.refundedAmount}`);
  });

  // The sandbox's forms act on a post too (here: approve a payment on Unifi's start page).
  const unifi = await createOrder(store, "unifipay");
  const transactionId = await openUnifi(store, unifi.id);
  const decide = `${store.sbx}/sandbox/unifipay/start/${transactionId}/decide`;
  for (const [name, h] of [...origins.filter(([, h]) => h.origin !== store.sbx), ["Origin: the store's origin", { origin: app }]]) {
    await cat.run(`cross-site POST to the sandbox's Unifi start page, approve (${name}) → 403, not approved`, async (t) => {
      const res = await request(decide, { method: "POST", form: { decision: "approve" }, headers: h });
      if (res.status === 303) t.wrong(`the sandbox approved the payment: ${res.location}`);
      else t.expect(res.status === 403, `answered ${res.status} ${res.text.slice(0, 80)}`);
    });
  }
  await cat.run("the sandbox's own form post (Origin = SANDBOX_ORIGIN) still approves, and the order is paid", async (t) => {
    const res = await request(decide, { method: "POST", form: { decision: "approve" }, headers: { origin: store.sbx, "sec-fetch-site": "same-origin" } });
    t.expect(res.status === 303 && res.location, `answered ${res.status} ${res.text.slice(0, 80)}`);
    if (res.location) await request(res.location);
    const read = await getOrder(store, unifi.id);
    t.expect(read?.status === "paid", `order is ${read?.status}`);
  });
  for (const p of ["/%73andbox", "/%73andbox/unifipay/start/abc", "/sandbox%2Funifipay"]) {
    await cat.run(`GET ${p} on the store's origin (a percent-encoded sandbox path) → 404`, async (t) => {
      const res = await request(`${app}${p}`);
      t.expect(res.status === 404, `answered ${res.status} ${res.text.slice(0, 80)}`);
    });
  }
}

async function headers(cat, store) {
  const order = await createOrder(store, "steppay");
  const { location } = await openStepPay(store, order.id, "iframe");
  const pages = [
    ["/", `${store.app}/`],
    ["an order page", `${store.app}/orders/${order.id}`],
    ["the checkout page", `${store.app}/checkout`],
    ["a product page", `${store.app}/products/hanok-mug`],
    ["the cart page", `${store.app}/cart`],
  ];
  for (const [name, url] of pages) {
    await cat.run(`security headers on ${name}`, async (t) => {
      const res = await request(url);
      t.expect(res.status === 200, `answered ${res.status}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      t.expect(/frame-ancestors 'none'/.test(csp), `CSP without frame-ancestors 'none': ${csp}`);
      t.expect(res.headers.get("cross-origin-opener-policy") === "same-origin-allow-popups", `COOP ${res.headers.get("cross-origin-opener-policy")}`);
      t.expect(res.headers.get("x-content-type-options") === "nosniff", `X-Content-Type-Options ${res.headers.get("x-content-type-options")}`);
      t.expect(Boolean(res.headers.get("referrer-policy")), "no Referrer-Policy");
      t.expect(!/frame-ancestors[^;]*\*/.test(csp), "frame-ancestors allows everyone");
    });
  }
  await cat.run("product images are still served as static files (the middleware skips them)", async (t) => {
    const res = await request(`${store.app}/products/hanok-mug.svg`);
    t.expect(res.status === 200 && (res.headers.get("content-type") ?? "").includes("svg"), `answered ${res.status} ${res.headers.get("content-type")}`);
  });
  await cat.run("the popup/iframe landing page may be framed by the store only (frame-ancestors 'self')", async (t) => {
    const res = await request(`${store.app}/orders/${order.id}/return?mode=iframe`);
    const csp = res.headers.get("content-security-policy") ?? "";
    t.expect(res.status === 200 && /frame-ancestors 'self'(;|$)/.test(csp), `${res.status} ${csp}`);
  });
  await cat.run("the sandbox's hosted payment page may be framed by APP_ORIGIN only", async (t) => {
    const res = await request(location);
    const csp = res.headers.get("content-security-policy") ?? "";
    const ancestors = /frame-ancestors ([^;]*)/.exec(csp)?.[1]?.trim();
    t.expect(res.status === 200, `hosted page answered ${res.status}`);
    t.expect(ancestors === store.app, `frame-ancestors ${ancestors}, expected ${store.app}`);
    t.expect(res.headers.get("x-content-type-options") === "nosniff", "no nosniff on the hosted page");
  });
  await cat.run("JSON API answers carry nosniff and no-store where they hold order data", async (t) => {
    const res = await request(`${store.app}/api/orders/${order.id}`);
    t.expect(res.headers.get("x-content-type-options") === "nosniff", "no nosniff");
    t.expect((res.headers.get("cache-control") ?? "").includes("no-store"), `cache-control ${res.headers.get("cache-control")}`);
  });
}

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

async function bundleSecrets(cat) {
  const staticDir = path.join(ROOT, DIST_DIR, "static");
  let files = [];
  try {
    files = listFiles(staticDir).filter((f) => f.endsWith(".js"));
  } catch {
    /* reported below */
  }
  const contents = files.map((f) => [f, readFileSync(f, "utf8")]);
  await cat.run(`the client bundle exists (${DIST_DIR}/static/**/*.js)`, (t) => t.expect(files.length > 0, `no .js files under ${staticDir}`));
  const defaults = ["sandbox-steppay-secret-token", "sandbox-steppay-webhook-key", "sandbox-unifi-app-secret", "sandbox-unifi-api-key"];
  const fake = (process.env.RELIABILITY_FAKE_SECRETS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length >= 8);
  if (!fake.length) cat.note("RELIABILITY_FAKE_SECRETS not set: only the default sandbox secrets were scanned for");
  for (const secret of [...defaults, ...fake]) {
    const shown = defaults.includes(secret) ? secret : `${secret.slice(0, 12)}… (build-time secret)`;
    await cat.run(`the client bundle does not contain ${shown}`, (t) => {
      const hits = contents.filter(([, text]) => text.includes(secret)).map(([f]) => path.relative(ROOT, f));
      t.expect(hits.length === 0, `found in ${hits.slice(0, 3).join(", ")}`);
    });
  }
}

async function sandboxClosed(cat, store) {
  await cat.run("with real provider settings the store itself still runs", async (t) => {
    const res = await request(`${store.app}/api/health`);
    t.expect(res.status === 200, `health ${res.status}`);
  });
  const probes = [
    ["GET", "/sandbox"],
    ["GET", "/sandbox/"],
    ["GET", "/sandbox/steppay"],
    ["GET", "/sandbox/steppay/api/v1/orders/order_abc"],
    ["POST", "/sandbox/steppay/api/v1/orders"],
    ["POST", "/sandbox/steppay/api/v1/customers"],
    ["GET", "/sandbox/steppay/api/v1/orders/1/pay?successUrl=http://localhost/"],
    ["GET", "/sandbox/steppay/api/public/orders/order_abc/pay?successUrl=http://localhost/"],
    ["PATCH", "/sandbox/steppay/api/v1/orders/1/cancel"],
    ["GET", "/sandbox/steppay/api/payment/receipt/abc"],
    ["GET", "/sandbox/steppay/checkout/abcdefghijklmnopqrstuvwxyz"],
    ["POST", "/sandbox/steppay/checkout/abcdefghijklmnopqrstuvwxyz/submit"],
    ["GET", "/sandbox/steppay/receipt/abc"],
    ["GET", "/sandbox/steppay/control/settings"],
    ["POST", "/sandbox/steppay/control/settings"],
    ["GET", "/sandbox/steppay/control/faults"],
    ["POST", "/sandbox/steppay/control/faults"],
    ["GET", "/sandbox/steppay/control/clock"],
    ["POST", "/sandbox/steppay/control/clock/advance"],
    ["POST", "/sandbox/steppay/control/clock/reset"],
    ["GET", "/sandbox/steppay/control/subscriptions"],
    ["POST", "/sandbox/steppay/control/subscriptions/1/renew"],
    ["POST", "/sandbox/steppay/control/subscriptions/1/fail-next"],
    ["GET", "/sandbox/steppay/control/webhooks"],
    ["POST", "/sandbox/steppay/control/webhooks/1/replay"],
    ["GET", "/sandbox/unifipay/api/v1/payment/abc"],
    ["POST", "/sandbox/unifipay/api/v1/payment"],
    ["GET", "/sandbox/unifipay/start/abc"],
    ["POST", "/sandbox/unifipay/start/abc/decide"],
    ["GET", "/sandbox/unifipay/control/settings"],
    ["POST", "/sandbox/unifipay/control/settings"],
    ["GET", "/sandbox/unifipay/control/deliveries"],
    ["GET", "/sandbox/unifipay/control/faults"],
    ["POST", "/sandbox/unifipay/control/faults"],
    ["GET", "/sandbox/does-not-exist"],
  ];
  for (const [method, p] of probes) {
    await cat.run(`real credentials configured: ${method} ${p} on the sandbox host → 404`, async (t) => {
      const body = method === "GET" ? undefined : method === "POST" && p.endsWith("/decide") ? "decision=approve" : "{}";
      const type = p.endsWith("/decide") || p.endsWith("/submit") ? "application/x-www-form-urlencoded" : "application/json";
      let res = await request(`${store.sbx}${p}`, { method, body, headers: body ? { "content-type": type } : {}, timeoutMs: 15_000 });
      // Next's trailing-slash normalisation answers first (308 to the same path without it): follow it once.
      if (res.status === 308 && res.location && new URL(res.location, store.sbx).pathname === p.replace(/\/+$/, "")) {
        res = await request(new URL(res.location, store.sbx).toString(), { method, timeoutMs: 15_000 });
      }
      t.expect(res.status === 404, `answered ${res.status || res.error} ${res.text.slice(0, 80)}`);
    });
  }
  // The demo's refund button is a merchant action anyone with an order's link could press: against
  // real StepPay the route does not exist (the merchant refunds in StepPay's dashboard).
  for (const path of ["/api/orders/00000000-0000-4000-8000-000000000000/refund", "/api/demo/reset"]) {
    await cat.run(`real credentials configured: POST ${path} on the store → 404`, async (t) => {
      const res = await request(`${store.app}${path}`, { method: "POST", json: { amount: 1000 }, timeoutMs: 15_000 });
      t.expect(res.status === 404, `answered ${res.status || res.error} ${res.text.slice(0, 80)}`);
    });
  }
}

/** A store offering StepPay only: Unifi Pay is neither sold nor emulated. */
async function singleProvider(cat, store) {
  await cat.run("one provider turned off: an order for it is refused (400 provider_unavailable), nothing created", async (t) => {
    const res = await request(`${store.app}/api/orders`, { method: "POST", json: orderBody("unifipay") });
    if (res.status === 201) t.wrong(`order created for a provider turned off: ${res.json?.id}`);
    else t.expect(res.status === 400 && res.json?.error?.code === "provider_unavailable", `answered ${res.status} ${res.text.slice(0, 120)}`);
  });
  await cat.run("one provider turned off: its sandbox wing answers 404 (nobody can approve a payment there)", async (t) => {
    const res = await request(`${store.sbx}/sandbox/unifipay/start/abc/decide`, { method: "POST", form: { decision: "approve" } });
    t.expect(res.status === 404, `answered ${res.status} ${res.text.slice(0, 80)}`);
  });
}
