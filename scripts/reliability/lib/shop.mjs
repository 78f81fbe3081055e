/**
 * A shopper and a provider, over plain HTTP: create orders, open the payment page, pay or decline
 * on the sandbox's hosted pages with form posts that do not follow the redirect back, read the
 * order and its timeline. Mirrors e2e/support/api.ts without Playwright.
 */
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { request } from "./http.mjs";
import { ROOT } from "./store.mjs";

// The sandbox's demo credentials (lib/env.ts SANDBOX_DEFAULTS): not secrets, they only open the emulator.
export const DEMO = {
  steppaySecretToken: "sandbox-steppay-secret-token",
  steppayWebhookKey: "sandbox-steppay-webhook-key",
  unifiAppId: "sandbox-unifi-app",
  unifiApiKey: "sandbox-unifi-api-key",
  unifiAppSecret: "sandbox-unifi-app-secret",
  unifiStoreId: "sandbox-store-001",
};

export const CARDS = { approved: "4242424242424242", declined: "4000000000000002", error: "4000000000000119" };
export const MODES = ["redirect", "popup", "iframe"];

/** Product prices read from lib/catalog.ts (the server's own catalog), to check the store's totals. */
export function loadCatalog() {
  const source = readFileSync(path.join(ROOT, "lib", "catalog.ts"), "utf8");
  const products = [];
  const pattern = /id:\s*"([^"]+)",[\s\S]*?prices:\s*\{\s*KRW:\s*(\d+)\s*,\s*USD:\s*(\d+)\s*\}\s*,\s*kind:\s*"([a-z_]+)"/g;
  for (const m of source.matchAll(pattern)) products.push({ id: m[1], KRW: Number(m[2]), USD: Number(m[3]), kind: m[4] });
  if (products.length < 3) throw new Error(`could not read the catalog from lib/catalog.ts (found ${products.length} products)`);
  return products;
}

let emailCounter = 0;
export function email(tag = "rel") {
  return `${tag}+${Date.now().toString(36)}-${(emailCounter++).toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}

export function orderBody(provider, items = [{ productId: "hanok-mug", quantity: 1 }], extra = {}) {
  return {
    provider,
    customer: { name: "Reliability Shopper", email: email(provider) },
    ...(provider === "unifipay" ? { countryCode: "USA" } : {}),
    items,
    ...extra,
  };
}

/** POST /api/orders; throws unless 201. */
export async function createOrder(store, provider, items, extra) {
  const res = await request(`${store.app}/api/orders`, { method: "POST", json: orderBody(provider, items, extra), timeoutMs: 60_000 });
  if (res.status !== 201 || !res.json?.id) throw new Error(`create ${provider} order: ${res.status} ${res.text.slice(0, 200)}`);
  return res.json;
}

/** GET /api/orders/{id}/pay; returns the response (302 to the provider page when all is well). */
export function pay(store, orderId, mode = "redirect", options = {}) {
  return request(`${store.app}/api/orders/${orderId}/pay?mode=${mode}`, { timeoutMs: 60_000, ...options });
}

/** Opens StepPay's hosted page: { token, location }. */
export async function openStepPay(store, orderId, mode = "redirect") {
  const res = await pay(store, orderId, mode);
  const match = /\/sandbox\/steppay\/checkout\/([^/?#]+)/.exec(res.location ?? "");
  if (res.status !== 302 || !match) throw new Error(`pay link for ${orderId}: ${res.status} ${res.location ?? res.text.slice(0, 200)}`);
  return { token: match[1], location: res.location };
}

/** The card form post on StepPay's page; returns the 303's Location (the store's return URL), not followed. */
export async function submitStepPay(store, token, card = CARDS.approved) {
  const res = await request(`${store.sbx}/sandbox/steppay/checkout/${token}/submit`, {
    method: "POST",
    form: { cardNumber: card, expiry: "12/34", cvc: "123", cardHolder: "RELIABILITY TEST", intent: "pay" },
  });
  if (res.status !== 303 || !res.location) throw new Error(`StepPay submit: ${res.status} ${res.text.slice(0, 200)}`);
  return res.location;
}

export async function cancelStepPay(store, token) {
  const res = await request(`${store.sbx}/sandbox/steppay/checkout/${token}/submit`, { method: "POST", form: { intent: "cancel" } });
  if (res.status !== 303 || !res.location) throw new Error(`StepPay cancel: ${res.status}`);
  return res.location;
}

/** Opens Unifi's start page: the transactionId. */
export async function openUnifi(store, orderId, mode = "redirect") {
  const res = await pay(store, orderId, mode);
  const match = /\/sandbox\/unifipay\/start\/([^/?#]+)/.exec(res.location ?? "");
  if (res.status !== 302 || !match) throw new Error(`Unifi start for ${orderId}: ${res.status} ${res.location ?? res.text.slice(0, 200)}`);
  return match[1];
}

/** The shopper's decision on Unifi's start page; returns the 303's Location (not followed). */
export async function decideUnifi(store, transactionId, decision) {
  const res = await request(`${store.sbx}/sandbox/unifipay/start/${transactionId}/decide`, { method: "POST", form: { decision } });
  if (res.status !== 303 || !res.location) throw new Error(`Unifi decide ${decision}: ${res.status} ${res.text.slice(0, 200)}`);
  return res.location;
}

export async function getOrder(store, orderId) {
  const res = await request(`${store.app}/api/orders/${orderId}`);
  return res.status === 200 ? res.json : null;
}

export async function timeline(store, orderId) {
  const res = await request(`${store.app}/api/orders/${orderId}/timeline`);
  return res.status === 200 ? res.json.events : null;
}

/** Transitions into "paid" in the order's timeline (must be exactly one for a paid order, else zero). */
export function paidTransitionsOf(events) {
  return (events ?? []).filter((e) => e.data?.to === "paid" && e.data?.from !== "paid").length;
}

export async function paidTransitions(store, orderId) {
  return paidTransitionsOf(await timeline(store, orderId));
}

/** The provider reference the store stored for an order (StepPay order code / Unifi transactionId). */
export async function paymentRef(store, orderId) {
  const events = await timeline(store, orderId);
  const started = (events ?? []).filter((e) => e.type === "payment_started" && e.data?.paymentRef);
  return started.at(-1)?.data.paymentRef ?? null;
}

/** GET /api/v1/orders/{code} on the StepPay sandbox with the demo Secret-Token (the provider's view). */
export async function stepPayOrderAtProvider(store, code) {
  const res = await request(`${store.sbx}/sandbox/steppay/api/v1/orders/${encodeURIComponent(code)}`, { headers: { "Secret-Token": DEMO.steppaySecretToken } });
  return res.status === 200 ? res.json : null;
}

/** A call to the StepPay sandbox's API with the demo Secret-Token. */
export function stepPayApi(store, method, apiPath, json) {
  return request(`${store.sbx}/sandbox/steppay${apiPath}`, { method, json, headers: { "Secret-Token": DEMO.steppaySecretToken } });
}

/** A signed call to the Unifi sandbox's API with the demo credentials. */
export function unifiApi(store, method, uri, bodyObject) {
  const body = bodyObject === undefined ? "" : JSON.stringify(bodyObject);
  const timestamp = String(Date.now());
  const signature = createHmac("sha256", DEMO.unifiAppSecret).update(`${method}${uri}${DEMO.unifiApiKey}${timestamp}`).update(body).digest("base64");
  return request(`${store.sbx}/sandbox/unifipay${uri}`, {
    method,
    body: method === "GET" ? undefined : body,
    headers: { "content-type": "application/json", "X-AppId": DEMO.unifiAppId, "X-API-Key": DEMO.unifiApiKey, "X-Timestamp": timestamp, "X-Authorization-Hmac": signature },
  });
}

// ---- StepPay webhooks, signed by hand: base64(HMAC-SHA256(key, `${timestamp}.${rawBody}`)) ----

export function signWebhook(key, timestamp, rawBody) {
  return createHmac("sha256", key).update(`${timestamp}.`).update(rawBody).digest("base64");
}

export function webhookBody(event, data, timestamp = Math.floor(Date.now() / 1000)) {
  return JSON.stringify({ timestamp, version: "v1", event, data });
}

/** POST /api/webhooks/steppay with the given raw body and Steppay-Signature header (null = none). */
export function postWebhook(store, rawBody, signatureHeader, options = {}) {
  const headers = { "content-type": "application/json", ...(signatureHeader === null ? {} : { "Steppay-Signature": signatureHeader }) };
  return request(`${store.app}/api/webhooks/steppay`, { method: "POST", body: rawBody, headers, ...options });
}

/** A correctly signed v2 delivery naming a StepPay order code. */
export function signedOrderWebhook(code, { event = "payment.completed", timestamp = Math.floor(Date.now() / 1000), key = DEMO.steppayWebhookKey, extra = {} } = {}) {
  const raw = webhookBody(event, { orderCode: code, ...extra }, timestamp);
  return { raw, header: `timestamp=${timestamp},key=${signWebhook(key, timestamp, raw)}` };
}

// ---- Unifi callbacks ----

export function postCallback(store, body, options = {}) {
  return request(`${store.app}/api/payments/unifipay/callback`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" }, ...options });
}

// ---- Sandbox controls ----

export async function control(store, wingPath, json) {
  const res = await request(`${store.sbx}/sandbox/${wingPath}`, { method: "POST", json, headers: { accept: "application/json" } });
  if (res.status !== 200) throw new Error(`sandbox control ${wingPath}: ${res.status} ${res.text.slice(0, 200)}`);
  return res.json;
}

/** Holds the sandbox's own StepPay webhooks and Unifi callbacks back, so only the test's requests reach the store. */
export async function holdDeliveries(store) {
  await control(store, "steppay/control/settings", { webhookUrl: "http://127.0.0.1:9/held-by-reliability-harness", duplicateRate: 0 });
  await control(store, "unifipay/control/settings", { callbackDelayMs: 600_000, duplicateRate: 0 });
}

export async function releaseDeliveries(store) {
  await control(store, "steppay/control/settings", { webhookUrl: null });
  await control(store, "unifipay/control/settings", { callbackDelayMs: 0 });
}

export function setFault(store, wing, fault) {
  return control(store, `${wing}/control/faults`, fault);
}

/** The landing path the store redirects a return to (lib/payments/return-urls.ts landingPath). */
export function landingOf(store, orderId, mode) {
  return mode === "redirect" ? `${store.app}/orders/${orderId}` : `${store.app}/orders/${orderId}/return`;
}

/** Whether a Location is the landing of this order (ignoring the query). */
export function landsOn(store, location, orderId, mode) {
  if (!location) return false;
  const url = new URL(location, store.app);
  return `${url.origin}${url.pathname}` === landingOf(store, orderId, mode);
}

export const newId = () => randomUUID();

/** A StepPay order paid at the provider (not yet told to the store): { order, code, returnUrl }. */
export async function stepPayPaidAtProvider(store, { mode = "redirect", items } = {}) {
  const order = await createOrder(store, "steppay", items);
  const { token } = await openStepPay(store, order.id, mode);
  const returnUrl = await submitStepPay(store, token, CARDS.approved);
  const code = new URL(returnUrl).searchParams.get("order_code");
  return { order, code, returnUrl, token };
}

/** A Unifi order approved at the provider (not yet told to the store): { order, transactionId, returnUrl }. */
export async function unifiPaidAtProvider(store, { mode = "redirect", items } = {}) {
  const order = await createOrder(store, "unifipay", items);
  const transactionId = await openUnifi(store, order.id, mode);
  const returnUrl = await decideUnifi(store, transactionId, "approve");
  return { order, transactionId, returnUrl };
}
