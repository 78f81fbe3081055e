import { createStepPayClient } from "@/lib/providers/steppay/client";
import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { handleStepPayApi } from "./api";
import { handleCheckoutSubmit } from "./checkout";

/**
 * Shared set-up for the sandbox's tests: the store's real StepPay client wired to the emulator
 * without a network (its fetch is the emulator's handler), and a shopper who submits the hosted
 * page's form. Not imported by application code.
 */
export const SANDBOX_BASE = "http://127.0.0.1:3000/sandbox/steppay";
export const STORE = "http://localhost:3000";

export function sandboxFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return handleStepPayApi(new Request(input, init));
}

export function storeClient(secretToken: string = sandboxSettings().steppay.secretToken) {
  return createStepPayClient({ apiBase: SANDBOX_BASE, secretToken, fetch: sandboxFetch as typeof fetch });
}

/** A raw API call with the sandbox's token (or the headers given). */
export function apiCall(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = options.headers ?? { "Secret-Token": sandboxSettings().steppay.secretToken };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return sandboxFetch(`${SANDBOX_BASE}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    redirect: "manual",
  });
}

export const RETURN_URLS = {
  successUrl: `${STORE}/api/payments/steppay/return?result=success`,
  errorUrl: `${STORE}/api/payments/steppay/return?result=error`,
  cancelUrl: `${STORE}/api/payments/steppay/return?result=cancel`,
};

/** The session token at the end of a hosted-page URL. */
export function tokenOf(pageUrl: string): string {
  const match = /\/checkout\/([^/?#]+)$/.exec(new URL(pageUrl).pathname);
  if (!match) throw new Error(`Not a checkout page URL: ${pageUrl}`);
  return decodeURIComponent(match[1]!);
}

export const VALID_CARD_FIELDS = { cardNumber: "4242 4242 4242 4242", expiry: "12/39", cvc: "123", cardHolder: "Kim Minji" };

/** The shopper presses Pay (or Cancel) on the hosted page: a plain form POST, as a browser sends it. */
export function submitCheckout(pageUrl: string, fields: Record<string, string>): Promise<Response> {
  const token = tokenOf(pageUrl);
  const request = new Request(`${pageUrl}/submit`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  return handleCheckoutSubmit(request, token);
}

export function payWithCard(pageUrl: string, cardNumber: string): Promise<Response> {
  return submitCheckout(pageUrl, { ...VALID_CARD_FIELDS, cardNumber, intent: "pay" });
}

/** A customer, a product with a one-time price (and optionally a monthly one), through the store's client. */
export async function seedCatalog(client = storeClient(), prices: { oneTime?: number; monthly?: number } = {}) {
  const customer = await client.createCustomer({ name: "김민지", email: `minji+${crypto.randomUUID()}@example.com`, phone: "010-1234-5678" });
  const product = await client.createProduct({ name: "Ceramic Mug" });
  const oneTime = await client.createPrice(product.id, { price: prices.oneTime ?? 29_500, planName: "Single purchase" });
  const subscriptionProduct = await client.createProduct({ name: "Coffee Beans Club", type: "SOFTWARE" });
  const monthly = await client.createPrice(subscriptionProduct.id, {
    price: prices.monthly ?? 19_000,
    planName: "Monthly",
    recurring: { interval: "MONTH", intervalCount: 1 },
  });
  return { customer, product, oneTime, subscriptionProduct, monthly };
}

/** A shopper buys the monthly plan on the hosted page: a paid RECURRING_INITIAL order and its subscription. */
export async function buySubscription(client = storeClient(), options: { monthly?: number; quantity?: number } = {}) {
  const seeded = await seedCatalog(client, { monthly: options.monthly ?? 19_000 });
  const order = await client.createOrder({
    customerId: seeded.customer.id,
    items: [{ productCode: seeded.subscriptionProduct.code, priceCode: seeded.monthly.code, currency: "KRW", quantity: options.quantity ?? 1 }],
  });
  const pageUrl = await client.getPayLink(order.orderCode, RETURN_URLS);
  const response = await payWithCard(pageUrl, "4242 4242 4242 4242");
  if (response.status !== 303 || !response.headers.get("location")?.includes("status=success")) throw new Error("the subscription purchase was not approved");
  const paid = await client.getOrder(order.orderCode);
  const subscriptionId = paid.subscriptions?.[0]?.id;
  if (subscriptionId === undefined) throw new Error("paying a recurring order started no subscription");
  return { ...seeded, order: paid, subscriptionId };
}

/** A control endpoint's handler called with a JSON body (or none), as a test script would. */
export function controlRequest(path: string, body?: unknown, method = body === undefined ? "GET" : "POST"): Request {
  return new Request(`${SANDBOX_BASE}/control${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
