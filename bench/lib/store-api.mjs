import { createHmac } from "node:crypto";

// A request the store never answers is a failure of the run, found within a minute.
const REQUEST_TIMEOUT_MS = 60_000;
const timeout = () => AbortSignal.timeout(REQUEST_TIMEOUT_MS);

/**
 * The store and the sandbox over HTTP, as a shopper's browser and the provider reach them
 * (e2e/support/api.ts does the same steps through Playwright).
 */

// The sandbox's demo credentials (lib/env.ts SANDBOX_DEFAULTS).
export const SANDBOX_CREDENTIALS = {
  steppaySecretToken: "sandbox-steppay-secret-token",
  unifipayAppId: "sandbox-unifi-app",
  unifipayApiKey: "sandbox-unifi-api-key",
  unifipayAppSecret: "sandbox-unifi-app-secret",
};

export function uniqueEmail(tag) {
  return `bench+${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}@example.com`;
}

export function checkoutBody(provider, email, items = [{ productId: "hanok-mug", quantity: 1 }]) {
  return JSON.stringify({
    provider,
    customer: { name: "Bench Shopper", email },
    ...(provider === "unifipay" ? { countryCode: "USA" } : {}),
    items,
  });
}

async function expectStatus(response, wanted, what) {
  if (!wanted.includes(response.status)) {
    throw new Error(`${what}: expected ${wanted.join("/")}, got ${response.status}: ${(await response.text()).slice(0, 500)}`);
  }
  return response;
}

/** POST /api/orders → the order id. */
export async function createOrder(appOrigin, provider, email = uniqueEmail(provider)) {
  const response = await fetch(`${appOrigin}/api/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appOrigin },
    body: checkoutBody(provider, email),
    signal: timeout(),
  });
  await expectStatus(response, [201], "POST /api/orders");
  return (await response.json()).id;
}

/** GET /api/orders/{id}/pay?mode= → the provider page the browser would be sent to. */
export async function openPaymentPage(appOrigin, orderId, mode = "redirect") {
  const response = await fetch(`${appOrigin}/api/orders/${orderId}/pay?mode=${mode}`, { redirect: "manual", signal: timeout() });
  await expectStatus(response, [302], `GET /api/orders/${orderId}/pay`);
  return response.headers.get("location");
}

export async function getOrder(appOrigin, orderId) {
  const response = await fetch(`${appOrigin}/api/orders/${orderId}`, { signal: timeout() });
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

export async function timeline(appOrigin, orderId) {
  const response = await fetch(`${appOrigin}/api/orders/${orderId}/timeline`, { signal: timeout() });
  await expectStatus(response, [200], "GET timeline");
  return (await response.json()).events;
}

/**
 * A StepPay order that is pending at the store and unpaid at the provider: created, pay link
 * opened, never paid. Every return to its successUrl runs the full lookup + transaction.
 */
export async function pendingStepPayOrder(appOrigin, email) {
  const orderId = await createOrder(appOrigin, "steppay", email);
  await openPaymentPage(appOrigin, orderId);
  const started = (await timeline(appOrigin, orderId)).find((event) => event.type === "payment_started");
  const orderCode = started?.data?.paymentRef;
  if (!orderCode) throw new Error(`No StepPay order code on order ${orderId}`);
  return { orderId, orderCode };
}

/** A Unifi Pay transaction started and never decided. */
export async function pendingUnifiTransaction(appOrigin, email) {
  const orderId = await createOrder(appOrigin, "unifipay", email);
  const location = await openPaymentPage(appOrigin, orderId);
  const transactionId = /\/sandbox\/unifipay\/start\/([^/?#]+)/.exec(location ?? "")?.[1];
  if (!transactionId) throw new Error(`Unexpected Unifi start page ${location}`);
  return { orderId, transactionId };
}

/** Unifi Pay's request signature, by hand: base64 HMAC-SHA256(appSecret, METHOD + path + apiKey + timestamp + body). */
export function unifiHeaders(method, apiPath, body = "") {
  const timestamp = String(Date.now());
  const signature = createHmac("sha256", SANDBOX_CREDENTIALS.unifipayAppSecret)
    .update(`${method.toUpperCase()}${apiPath}${SANDBOX_CREDENTIALS.unifipayApiKey}${timestamp}${body}`, "utf8")
    .digest("base64");
  return {
    accept: "application/json",
    "X-AppId": SANDBOX_CREDENTIALS.unifipayAppId,
    "X-API-Key": SANDBOX_CREDENTIALS.unifipayApiKey,
    "X-Timestamp": timestamp,
    "X-Authorization-Hmac": signature,
  };
}

export const stepPayHeaders = () => ({ accept: "application/json", "Secret-Token": SANDBOX_CREDENTIALS.steppaySecretToken });

/**
 * The headers the store's requests to a provider carry besides authentication: what Node's fetch
 * adds, and the clients' own `accept-encoding: identity`. With them, the sandbox does the same
 * work for a lookup alone as for the store's lookup.
 */
export const FETCH_DEFAULT_HEADERS = { accept: "application/json", "accept-encoding": "identity", "accept-language": "*", "sec-fetch-mode": "cors", "user-agent": "node" };

export async function stepPayApi(sandboxOrigin, method, apiPath, body) {
  const response = await fetch(`${sandboxOrigin}/sandbox/steppay${apiPath}`, {
    method,
    headers: { ...stepPayHeaders(), ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: timeout(),
  });
  await expectStatus(response, [200, 201], `StepPay sandbox ${method} ${apiPath}`);
  return response.json();
}

export async function unifiApi(sandboxOrigin, method, apiPath) {
  const response = await fetch(`${sandboxOrigin}/sandbox/unifipay${apiPath}`, { method, headers: unifiHeaders(method, apiPath), signal: timeout() });
  await expectStatus(response, [200], `Unifi sandbox ${method} ${apiPath}`);
  return response.json();
}

/** Runs `task` for each item with at most `limit` at once. */
export async function pool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i], i);
      }
    }),
  );
  return results;
}
