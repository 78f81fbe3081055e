import { createHmac } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../../playwright.config";

/** The sandbox's published webhook key (the store's default while StepPay is the sandbox). */
export const SANDBOX_WEBHOOK_KEY = "sandbox-steppay-webhook-key";

/** Headers of a StepPay v2 delivery signed by hand: base64(HMAC-SHA256(key, `${timestamp}.${body}`)). */
export function signedWebhookHeaders(body: string, key = SANDBOX_WEBHOOK_KEY, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = createHmac("sha256", key).update(`${timestamp}.${body}`).digest("base64");
  return { "content-type": "application/json", "steppay-signature": `timestamp=${timestamp},key=${signature}` };
}

/** Direct HTTP steps against the store and the sandbox, for route-handler tests. */
export async function createOrder(request: APIRequestContext, provider: "steppay" | "unifipay", items = [{ productId: "hanok-mug", quantity: 1 }]): Promise<string> {
  const response = await request.post("/api/orders", {
    data: { provider, customer: { name: "API Shopper", email: `api+${Date.now()}-${Math.random().toString(36).slice(2)}@example.com` }, ...(provider === "unifipay" ? { countryCode: "USA" } : {}), items },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).id as string;
}

/** Opens the payment page server-side and returns where the browser would be sent. */
export async function startPayment(request: APIRequestContext, orderId: string, mode = "redirect"): Promise<string> {
  const response = await request.get(`/api/orders/${orderId}/pay?mode=${mode}`, { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return response.headers()["location"]!;
}

/** Starts a Unifi Pay payment and returns its transactionId. */
export async function startUnifi(request: APIRequestContext, orderId: string, mode = "redirect"): Promise<string> {
  const location = await startPayment(request, orderId, mode);
  const match = /\/sandbox\/unifipay\/start\/([^/?#]+)/.exec(location);
  expect(match, `unexpected start page ${location}`).not.toBeNull();
  return match![1]!;
}

/** The shopper's decision on the Unifi start page (a form post). */
export async function decideUnifi(request: APIRequestContext, transactionId: string, decision: "approve" | "decline" | "cancel") {
  const response = await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/start/${transactionId}/decide`, { form: { decision }, maxRedirects: 0 });
  expect(response.status()).toBe(303);
}

export async function getOrder(request: APIRequestContext, orderId: string) {
  return (await request.get(`/api/orders/${orderId}`)).json();
}

export type TimelineEvent = { type: string; summary: string; data: Record<string, unknown> | null };
export async function timeline(request: APIRequestContext, orderId: string): Promise<TimelineEvent[]> {
  return (await (await request.get(`/api/orders/${orderId}/timeline`)).json()).events;
}

/** How many times the order moved into "paid" (must be exactly once, whatever arrived how often). */
export async function paidTransitions(request: APIRequestContext, orderId: string): Promise<number> {
  return (await timeline(request, orderId)).filter((event) => event.data?.to === "paid" && event.data?.from !== "paid").length;
}

/**
 * StepPay's ids for a StepPay order of the store, from the order's timeline: the order the store
 * created there (provider_prepared's POST /api/v1/orders answer): its numeric id and its code.
 */
export async function stepPayIdsOf(request: APIRequestContext, orderId: string): Promise<{ stepPayOrderId: number; code: string }> {
  const prepared = (await timeline(request, orderId)).find((e) => e.type === "provider_prepared");
  const created = (prepared?.data?.exchanges as { path: string; responseBody: { orderId: number; orderCode: string } }[] | undefined)?.find((x) => x.path === "/api/v1/orders");
  expect(created, `StepPay's order for ${orderId}`).toBeTruthy();
  return { stepPayOrderId: created!.responseBody.orderId, code: created!.responseBody.orderCode };
}
