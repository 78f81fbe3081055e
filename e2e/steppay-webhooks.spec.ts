import { expect, test } from "@playwright/test";
import { SANDBOX_WEBHOOK_KEY, createOrder, getOrder, signedWebhookHeaders as signed, startPayment, stepPayIdsOf } from "./support/api";

/** Route-handler tests over real HTTP for POST /api/webhooks/steppay. */

test.describe("StepPay webhooks", () => {
  test("a forged v2 webhook (bad signature) is refused with 401 and changes nothing", async ({ request }) => {
    const orderId = await createOrder(request, "steppay");
    const before = await getOrder(request, orderId);
    const body = JSON.stringify({ timestamp: Math.floor(Date.now() / 1000), version: "v1", event: "order.payment_completed", data: { orderCode: "order_x", paidAmount: 18000 } });
    for (const headers of [signed(body, "not-the-key"), { "content-type": "application/json" }]) {
      const response = await request.post("/api/webhooks/steppay", { headers, data: body });
      expect(response.status()).toBe(401);
      expect((await response.json()).error.code).toBe("invalid_signature");
    }
    const stale = signed(body, SANDBOX_WEBHOOK_KEY, Math.floor(Date.now() / 1000) - 600);
    expect((await request.post("/api/webhooks/steppay", { headers: stale, data: body })).status()).toBe(401);
    expect(await getOrder(request, orderId)).toEqual(before);
  });

  test("an authentic v2 webhook for an event the store ignores is answered 2xx", async ({ request }) => {
    const body = JSON.stringify({ timestamp: Math.floor(Date.now() / 1000), version: "v1", event: "customer.updated", data: { id: 1 } });
    const response = await request.post("/api/webhooks/steppay", { headers: signed(body), data: body });
    expect(response.status()).toBe(200);
    expect((await response.json()).ignored).toBe("event_not_used");
  });

  test("an unsigned v1 webhook naming an order that is not paid changes nothing", async ({ request }) => {
    const orderId = await createOrder(request, "steppay");
    await startPayment(request, orderId);
    const { stepPayOrderId } = await stepPayIdsOf(request, orderId);
    const response = await request.post("/api/webhooks/steppay", { data: { webHookType: "PAYMENT", orderId: stepPayOrderId } });
    expect(response.status()).toBe(200);
    const order = await getOrder(request, orderId);
    expect(order.status).toBe("pending");
    expect(order.paidAmount).toBeNull();
  });

  test("malformed and oversized bodies are refused", async ({ request }) => {
    expect((await request.post("/api/webhooks/steppay", { headers: { "content-type": "application/json" }, data: "{nope" })).status()).toBe(400);
    const huge = "x".repeat(300 * 1024);
    expect((await request.post("/api/webhooks/steppay", { headers: { "content-type": "application/json" }, data: huge })).status()).toBe(413);
  });
});
