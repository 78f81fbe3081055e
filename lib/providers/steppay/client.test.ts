import { describe, expect, it } from "vitest";
import { createStepPayClient, type StepPayExchange } from "./client";
import { StepPayError } from "./errors";
import { verifyStepPayOrder } from "./verify-order";

/**
 * The client against bodies shaped like StepPay's published examples (examples.json, trimmed),
 * through an injected fetch that records exactly what the client sent.
 */
const createdOrderExample = {
  orderId: 1,
  orderCode: "order_AbCdEfGhI",
  type: "ONE_TIME",
  paidAmount: 0,
  returnedAmount: 0,
  leftAmount: 0,
  discountedAmount: 0,
  productName: "Basic Product (Basic Plan)",
  items: [{ id: 1, code: "order_item_AbCdEfGhI", paidAmount: 0, currency: "KRW", quantity: 0, status: "CREATED", minimumQuantity: 1, maximumQuantity: null }],
  customer: { id: 1, uuid: "206992bb-6462-4b4f-9847-cf2f40d55b48", name: "고객", email: "test@gmail.com", code: "customer_AbCdEfGhI" },
  paymentDate: null,
  purchaseDeadline: "9999-01-01T00:00:00",
  createdAt: "9999-01-01T00:00:00.000000",
  modifiedAt: "9999-01-01T00:00:00.000000",
  payment: null,
  orderLogs: [],
  code: "order_AbCdEfGhI",
  idKey: "17042685431546CQ4BVZw22hzN1jn",
  subscriptions: [],
  parentSubscription: null,
  relatedOrders: [],
  currency: "KRW",
};

type Sent = { url: string; method: string; headers: Headers; body: string | null; redirect: RequestRedirect | undefined; signal: AbortSignal | null | undefined };

function fakeStepPay(respond: (sent: Sent) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const exchanges: StepPayExchange[] = [];
  const client = createStepPayClient({
    apiBase: "https://api.steppay.kr/",
    secretToken: "tok_test",
    timeoutMs: 200,
    onExchange: (exchange) => exchanges.push(exchange),
    fetch: async (input, init) => {
      const request = { url: String(input), method: init?.method ?? "GET", headers: new Headers(init?.headers), body: (init?.body as string | undefined) ?? null, redirect: init?.redirect, signal: init?.signal };
      sent.push(request);
      return respond(request);
    },
  });
  return { client, sent, exchanges };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("StepPay client", () => {
  it("creates an order with quantity fixed by minimum = maximum, sending the Secret-Token", async () => {
    const { client, sent } = fakeStepPay(() => json(createdOrderExample, 201));
    const order = await client.createOrder({ customerId: 42, items: [{ productCode: "product_A", priceCode: "price_A", currency: "KRW", quantity: 3 }] });
    expect(order.orderCode).toBe("order_AbCdEfGhI");
    expect(order.idKey).toBe("17042685431546CQ4BVZw22hzN1jn");
    expect(sent[0]!.url).toBe("https://api.steppay.kr/api/v1/orders");
    expect(sent[0]!.method).toBe("POST");
    expect(sent[0]!.headers.get("Secret-Token")).toBe("tok_test");
    expect(sent[0]!.headers.get("accept-encoding")).toBe("identity");
    expect(JSON.parse(sent[0]!.body!)).toEqual({
      customerId: 42,
      items: [{ productCode: "product_A", priceCode: "price_A", currency: "KRW", minimumQuantity: 3, maximumQuantity: 3 }],
    });
  });

  it("reads the pay link from the Location header of a 302, without following it", async () => {
    const { client, sent } = fakeStepPay(() => new Response(null, { status: 302, headers: { location: "https://pay.steppay.kr/checkout/abc" } }));
    const url = await client.getPayLink("order_AbCdEfGhI", { successUrl: "https://shop.example/s?x=1", errorUrl: "https://shop.example/e", cancelUrl: "https://shop.example/c", lang: "ko" });
    expect(url).toBe("https://pay.steppay.kr/checkout/abc");
    expect(sent[0]!.redirect).toBe("manual");
    const query = new URL(sent[0]!.url).searchParams;
    expect(query.get("successUrl")).toBe("https://shop.example/s?x=1");
    expect(query.get("cancelUrl")).toBe("https://shop.example/c");
    expect(query.get("lang")).toBe("ko");
  });

  it("refuses a pay link that does not redirect or redirects to a non-http URL", async () => {
    const noRedirect = fakeStepPay(() => json({ ok: true }));
    await expect(noRedirect.client.getPayLink("order_A", { successUrl: "a", errorUrl: "b", cancelUrl: "c" })).rejects.toMatchObject({ kind: "invalid_response" });
    const js = fakeStepPay(() => new Response(null, { status: 302, headers: { location: "javascript:alert(1)" } }));
    await expect(js.client.getPayLink("order_A", { successUrl: "a", errorUrl: "b", cancelUrl: "c" })).rejects.toMatchObject({ kind: "invalid_response" });
  });

  it("turns StepPay's error body into a typed error that keeps code, trace id and raw body", async () => {
    const body = { traceId: "trace-123", errorCode: "ORDER_NOT_FOUND", errorMessage: "주문을 찾지 못 함", details: {} };
    const { client } = fakeStepPay(() => json(body, 404));
    const error = await client.getOrder("order_missing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepPayError);
    expect(error).toMatchObject({ kind: "http", status: 404, errorCode: "ORDER_NOT_FOUND", traceId: "trace-123", isNotFound: true, isTransient: false });
    expect((error as StepPayError).rawBody).toBe(JSON.stringify(body));
  });

  it("treats a 5xx without StepPay's body, a garbled body and a wrong shape as errors, never as data", async () => {
    const html = fakeStepPay(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(html.client.getOrder("order_A")).rejects.toMatchObject({ kind: "http", status: 502, errorCode: null, isTransient: true });
    const garbled = fakeStepPay(() => new Response("{not json", { status: 200 }));
    await expect(garbled.client.getOrder("order_A")).rejects.toMatchObject({ kind: "invalid_response" });
    const shape = fakeStepPay(() => json({ orderCode: "order_A", paidAmount: "lots" }));
    await expect(shape.client.getOrder("order_A")).rejects.toMatchObject({ kind: "invalid_response" });
  });

  it("times out a call that does not answer", async () => {
    const { client, exchanges } = fakeStepPay(
      (sent) =>
        // A server that never answers: only the client's own timeout signal can end the call.
        new Promise<Response>((_resolve, reject) => {
          sent.signal?.addEventListener("abort", () => reject(sent.signal!.reason));
        }),
    );
    await expect(client.getOrder("order_A")).rejects.toMatchObject({ kind: "timeout", isTransient: true });
    expect(exchanges[0]).toMatchObject({ method: "GET", path: "/api/v1/orders/order_A", status: null });
  });

  it("reports every exchange without the token", async () => {
    const { client, exchanges } = fakeStepPay(() => json({ paymentDate: "2026-11-22T10:00:00", paymentStatus: "COMPLETE" }));
    const receipt = await client.getPaymentReceipt("idkey_1");
    expect(receipt.paymentStatus).toBe("COMPLETE");
    expect(exchanges).toHaveLength(1);
    expect(JSON.stringify(exchanges)).not.toContain("tok_test");
    expect(exchanges[0]).toMatchObject({ provider: "steppay", method: "GET", path: "/api/payment/receipt/idkey_1", status: 200 });
  });

  it("refunds with requestPrice through PATCH …/cancel", async () => {
    const { client, sent } = fakeStepPay(() => json({ message: "정상적으로 취소됨", body: {} }));
    await client.cancelOrder("order_A", { requestPrice: 5000, reason: "customer request" });
    expect(sent[0]!.method).toBe("PATCH");
    expect(sent[0]!.url).toBe("https://api.steppay.kr/api/v1/orders/order_A/cancel");
    expect(JSON.parse(sent[0]!.body!)).toEqual({ requestPrice: 5000, reason: "customer request" });
  });
});

describe("verifyStepPayOrder", () => {
  const expected = { orderCode: "order_AbCdEfGhI", amount: 36000, currency: "KRW" };
  const paidOrder = { ...createdOrderExample, paymentDate: "2026-11-22T10:00:00.123456", paidAmount: 36000 };

  it("is paid only when paymentDate is set and amount, code and currency all match", () => {
    const verdict = verifyStepPayOrder(paidOrder, expected);
    expect(verdict.state).toBe("paid");
    expect(verdict.checks.every((c) => c.ok)).toBe(true);
  });

  it("refuses a payment of another amount", () => {
    const verdict = verifyStepPayOrder({ ...paidOrder, paidAmount: 100 }, expected);
    expect(verdict.state).toBe("mismatch");
    expect(verdict.checks.find((c) => c.field === "paidAmount")).toMatchObject({ expected: "36000", actual: "100", ok: false });
  });

  it("refuses another order's payment", () => {
    expect(verifyStepPayOrder({ ...paidOrder, orderCode: "order_Other" }, expected).state).toBe("mismatch");
  });

  it("is pending without paymentDate, and failed with StepPay's reason when the payment failed", () => {
    expect(verifyStepPayOrder(createdOrderExample, expected).state).toBe("pending");
    const failed = verifyStepPayOrder(
      { ...createdOrderExample, payment: { amount: 36000, errorCode: "CARD_DECLINED", errorMessage: "한도 초과" }, items: [{ ...createdOrderExample.items[0]!, status: "PAYMENT_FAILURE" }] },
      expected,
    );
    expect(failed).toMatchObject({ state: "failed", reason: { code: "CARD_DECLINED", message: "한도 초과" } });
  });

  it("is failed for good (providerStatus CANCELLED) once every item was cancelled unpaid, and only then", () => {
    const item = createdOrderExample.items[0]!;
    const cancelled = verifyStepPayOrder({ ...createdOrderExample, items: [{ ...item, status: "CANCELLED" }, { ...item, id: 2, status: "CANCELLED" }] }, expected);
    expect(cancelled).toMatchObject({ state: "failed", providerStatus: "CANCELLED", reason: { code: "ORDER_CANCELLED" } });
    // One item cancelled, another still open: still payable, and not recorded as cancelled.
    const partly = verifyStepPayOrder({ ...createdOrderExample, items: [{ ...item, status: "CANCELLED" }, { ...item, id: 2, status: "CREATED" }] }, expected);
    expect(partly).toMatchObject({ state: "pending", providerStatus: "CREATED" });
    // Paid, then cancelled (a refund): the payment still decides.
    expect(verifyStepPayOrder({ ...paidOrder, items: [{ ...item, status: "CANCELLED" }] }, expected).state).toBe("paid");
  });
});
