import { beforeAll, describe, expect, it } from "vitest";
import { StepPayError } from "@/lib/providers/steppay/errors";
import { apiCall, payWithCard, RETURN_URLS, SANDBOX_BASE, sandboxFetch, seedCatalog, storeClient, submitCheckout, tokenOf } from "./test-fixtures";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";

/**
 * The contract with the store: its real StepPay client (lib/providers/steppay) against the
 * sandbox, every call it makes, every body through its own zod schemas.
 */

// The in-memory database starts once per file, outside the first test's timeout.
beforeAll(() => openSandboxDatabases(["steppay"]), DATABASE_WARM_UP_MS);

const client = storeClient();

async function oneTimeOrder(quantity = 2) {
  const seeded = await seedCatalog(client);
  const order = await client.createOrder({
    // By code here (the sandbox's customers always have one); the store names its customer by id.
    customerCode: seeded.customer.code!,
    items: [{ productCode: seeded.product.code, priceCode: seeded.oneTime.code, currency: "KRW", quantity }],
  });
  return { ...seeded, order };
}

function redirectTarget(response: Response): URL {
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!);
}

describe("StepPay sandbox, through the store's client", () => {
  it("creates customers, products and prices with StepPay's codes", async () => {
    const { customer, product, oneTime, monthly } = await seedCatalog(client);
    expect(customer.code).toMatch(/^customer_[0-9A-Za-z]{9}$/);
    expect(customer.email).toContain("@example.com");
    expect(product.code).toMatch(/^product_[0-9A-Za-z]{9}$/);
    expect(product.prices).toEqual([]);
    expect(oneTime).toMatchObject({ code: expect.stringMatching(/^price_[0-9A-Za-z]{9}$/), price: 29_500, type: "ONE_TIME", recurring: null });
    expect(monthly).toMatchObject({ type: "FLAT", recurring: { interval: "MONTH", intervalCount: 1 } });
  });

  it("creates an unpaid order whose amount is price × quantity", async () => {
    const { order, customer } = await oneTimeOrder(2);
    expect(order.orderId).toBe(order.id);
    expect(order.orderCode).toMatch(/^order_[0-9A-Za-z]{9}$/);
    expect(order.idKey!.length).toBeGreaterThan(20);
    expect(order).toMatchObject({ type: "ONE_TIME", paidAmount: 0, returnedAmount: 0, paymentDate: null, payment: null, subscriptions: [], currency: "KRW" });
    expect(order.productName).toBe("Ceramic Mug (Single purchase)");
    expect(order.items).toHaveLength(1);
    expect(order.items![0]).toMatchObject({ status: "CREATED", minimumQuantity: 2, maximumQuantity: 2, paidAmount: 0, orderedProductName: "Ceramic Mug" });
    expect(order.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(order).toMatchObject({ customer: { code: customer.code }, parentSubscription: null });
  });

  it("pays an order on the hosted page: 302 pay link, approval, getOrder shows paymentDate and paidAmount", async () => {
    const { order } = await oneTimeOrder(2);
    const pageUrl = await client.getPayLink(order.orderCode, { ...RETURN_URLS, lang: "en" });
    expect(pageUrl.startsWith(`${SANDBOX_BASE}/checkout/`)).toBe(true);

    const back = redirectTarget(await payWithCard(pageUrl, "4242 4242 4242 4242"));
    expect(`${back.origin}${back.pathname}`).toBe("http://localhost:3000/api/payments/steppay/return");
    expect(Object.fromEntries(back.searchParams)).toEqual({
      result: "success",
      order_id: String(order.orderId),
      order_code: order.orderCode,
      status: "success",
    });

    const paid = await client.getOrder(order.orderCode);
    expect(paid.paymentDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(paid.paidAmount).toBe(59_000);
    expect(paid.leftAmount).toBe(59_000);
    expect(paid.payment).toMatchObject({ paymentMethod: "CARD", amount: 59_000, errorCode: null, errorMessage: null, cardNumber: "424242******4242" });
    expect(paid.payment!.paymentReceiptUrl).toBe(`${SANDBOX_BASE}/receipt/${paid.idKey}`);
    expect(paid.items![0]).toMatchObject({ status: "PAID", paidAmount: 59_000 });

    // The numeric id works as well as the code.
    expect((await client.getOrder(String(order.orderId))).orderCode).toBe(order.orderCode);

    const receipt = await client.getPaymentReceipt(order.idKey!);
    expect(receipt).toMatchObject({ paymentStatus: "COMPLETE", orderCode: order.orderCode, orderId: order.orderId, amount: 59_000, paymentMethod: "CARD" });
    expect(receipt.paymentDate).toBe(paid.paymentDate);
  });

  it("a declined card leaves the order unpaid with payment.errorCode, and it can be paid later", async () => {
    const { order } = await oneTimeOrder(1);
    const pageUrl = await client.getPayLink(order.orderCode, RETURN_URLS);

    const back = redirectTarget(await payWithCard(pageUrl, "4000 0000 0000 0002"));
    expect(back.searchParams.get("result")).toBe("error");
    expect(back.searchParams.get("status")).toBe("error");
    expect(back.searchParams.get("order_code")).toBe(order.orderCode);

    const failed = await client.getOrder(order.orderCode);
    expect(failed.paymentDate).toBeNull();
    expect(failed.paidAmount).toBe(0);
    expect(failed.payment).toMatchObject({ errorCode: "CARD_DECLINED", errorMessage: "카드사 승인 거절: 한도 초과", amount: 29_500, paymentDate: null });
    expect(failed.items![0]!.status).toBe("PAYMENT_FAILURE");
    expect(await client.getPaymentReceipt(order.idKey!)).toMatchObject({ paymentStatus: "FAILED", paymentDate: null });

    // A new pay link, a good card: paid, and the failure is gone from `payment`.
    const retryUrl = await client.getPayLink(order.orderCode, { ...RETURN_URLS, lang: "en" });
    expect(redirectTarget(await payWithCard(retryUrl, "4242424242424242")).searchParams.get("status")).toBe("success");
    const paid = await client.getOrder(order.orderCode);
    expect(paid.paymentDate).not.toBeNull();
    expect(paid.paidAmount).toBe(29_500);
    expect(paid.payment).toMatchObject({ errorCode: null, errorMessage: null });
    expect(paid.items![0]!.status).toBe("PAID");
  });

  it("a gateway error reports PG_PROCESSING_ERROR in the page's language", async () => {
    const { order } = await oneTimeOrder(1);
    const pageUrl = await client.getPayLink(order.orderCode, { ...RETURN_URLS, lang: "en" });
    expect(redirectTarget(await payWithCard(pageUrl, "4000000000000119")).searchParams.get("status")).toBe("error");
    const failed = await client.getOrder(order.orderCode);
    expect(failed.payment).toMatchObject({ errorCode: "PG_PROCESSING_ERROR", errorMessage: "The payment gateway could not process the card" });
    expect(failed.paymentDate).toBeNull();
  });

  it("cancel on the hosted page returns to cancelUrl with the order parameters and changes nothing", async () => {
    const { order } = await oneTimeOrder(1);
    const pageUrl = await client.getPayLink(order.orderCode, RETURN_URLS);
    const back = redirectTarget(await submitCheckout(pageUrl, { intent: "cancel" }));
    expect(back.toString()).toBe(
      `http://localhost:3000/api/payments/steppay/return?result=cancel&order_id=${order.orderId}&order_code=${order.orderCode}&status=cancel`,
    );
    const unchanged = await client.getOrder(order.orderCode);
    expect(unchanged).toMatchObject({ paymentDate: null, paidAmount: 0, payment: null });
    expect(unchanged.items![0]!.status).toBe("CREATED");
  });

  it("refunds partially, then fully; an over-refund is refused", async () => {
    const { order } = await oneTimeOrder(2); // 59,000
    const pageUrl = await client.getPayLink(order.orderCode, RETURN_URLS);
    await payWithCard(pageUrl, "4242 4242 4242 4242");

    const partial = await client.cancelOrder(order.orderCode, { requestPrice: 9_000, reason: "damaged handle" });
    expect(partial.message).toMatch(/partial/i);
    const afterPartial = await client.getOrder(order.orderCode);
    expect(afterPartial).toMatchObject({ paidAmount: 59_000, returnedAmount: 9_000, leftAmount: 50_000 });
    expect(afterPartial.paymentDate).not.toBeNull();
    expect(afterPartial.items![0]!.status).toBe("PAID");

    const tooMuch = await client.cancelOrder(order.orderCode, { requestPrice: 50_001 }).catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(StepPayError);
    expect((tooMuch as StepPayError).status).toBe(400);
    expect((tooMuch as StepPayError).errorCode).toBe("REFUND_AMOUNT_EXCEEDED");

    const full = await client.cancelOrder(order.orderCode, { requestPrice: 50_000 });
    expect(full.body).toMatchObject({ returnedAmount: 59_000, leftAmount: 0 });
    const refunded = await client.getOrder(order.orderCode);
    expect(refunded).toMatchObject({ returnedAmount: 59_000, leftAmount: 0 });
    expect(refunded.items!.map((item) => item.status)).toEqual(["CANCELLED"]);

    const again = await client.cancelOrder(order.orderCode, { requestPrice: 1 }).catch((e: unknown) => e);
    expect((again as StepPayError).errorCode).toBe("ORDER_ALREADY_CANCELLED");
  });

  it("cancelling an unpaid order makes it unpayable", async () => {
    const { order } = await oneTimeOrder(1);
    const result = await client.cancelOrder(String(order.orderId), { requestPrice: 0, reason: "shopper changed their mind" });
    expect(result.message).toMatch(/cancelled/);
    const cancelled = await client.getOrder(order.orderCode);
    expect(cancelled.items![0]!.status).toBe("CANCELLED");

    const pageUrl = await client.getPayLink(order.orderCode, RETURN_URLS);
    const response = await payWithCard(pageUrl, "4242 4242 4242 4242");
    expect(response.headers.get("location")).toBe(pageUrl); // back to the page, which says it cannot be paid
    expect((await client.getOrder(order.orderCode)).paymentDate).toBeNull();
  });

  it("maps 401, 404 and 400 to StepPayError with StepPay's error body", async () => {
    const wrong = await storeClient("not-the-token").getOrder("order_whatever").catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(StepPayError);
    expect(wrong).toMatchObject({ kind: "http", status: 401, errorCode: "INVALID_SECRET_TOKEN" });
    expect((wrong as StepPayError).traceId).toMatch(/^[0-9a-f-]{36}$/);

    const missing = await client.getOrder("order_doesNotExist").catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, errorCode: "ORDER_NOT_FOUND", isNotFound: true });

    const noPayLink = await client.getPayLink("order_doesNotExist", RETURN_URLS).catch((e: unknown) => e);
    expect(noPayLink).toMatchObject({ status: 404, errorCode: "ORDER_NOT_FOUND" });

    const { customer, product } = await seedCatalog(client);
    const bad = await client
      .createOrder({ customerId: customer.id, items: [{ productCode: product.code, priceCode: "price_missing00", currency: "KRW", quantity: 1 }] })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, errorCode: "PRICE_NOT_FOUND" });
  });

  it("the public pay link needs no token and opens the same page", async () => {
    const { order } = await oneTimeOrder(1);
    const url = client.publicPayUrl(order.orderCode, { ...RETURN_URLS, lang: "en" });
    expect(new URL(url).pathname).toBe(`/sandbox/steppay/api/public/orders/${order.orderCode}/pay`);

    // Opened as a shopper's browser would: no Secret-Token header at all.
    const request = new Request(url, { redirect: "manual" });
    expect(request.headers.has("secret-token")).toBe(false);
    const response = await sandboxFetch(request);
    expect(response.status).toBe(302);
    const pageUrl = response.headers.get("location")!;
    expect(pageUrl.startsWith(`${SANDBOX_BASE}/checkout/`)).toBe(true);
    expect(tokenOf(pageUrl)).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The same hosted page as getPayLink's: paying on it pays this order and goes back to the store.
    const back = redirectTarget(await payWithCard(pageUrl, "4242 4242 4242 4242"));
    expect(Object.fromEntries(back.searchParams)).toEqual({ result: "success", order_id: String(order.orderId), order_code: order.orderCode, status: "success" });
    expect(await client.getOrder(order.orderCode)).toMatchObject({ paidAmount: 29_500, paymentDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
  });

  it("paying a recurring order starts a subscription that can be paused, resumed, renewed and cancelled", async () => {
    const { customer, subscriptionProduct, monthly } = await seedCatalog(client);
    const order = await client.createOrder({
      customerId: customer.id,
      items: [{ productCode: subscriptionProduct.code, priceCode: monthly.code, currency: "KRW", quantity: 1 }],
    });
    expect(order.type).toBe("RECURRING_INITIAL");
    const pageUrl = await client.getPayLink(order.orderCode, RETURN_URLS);
    await payWithCard(pageUrl, "4242 4242 4242 4242");

    const paid = await client.getOrder(order.orderCode);
    expect(paid.subscriptions).toHaveLength(1);
    const started = paid.subscriptions![0]!;
    expect(started).toMatchObject({ status: "ACTIVE", interval: "MONTH", intervalCount: 1 });
    expect(started.nextPaymentDate! > started.lastPaymentDate!).toBe(true);

    const subscription = await client.getSubscription(started.id);
    expect(subscription).toMatchObject({ id: started.id, status: "ACTIVE", recurringCount: 1 });
    expect(subscription.relatedOrders!.map((o) => o.code)).toEqual([order.orderCode]);

    await client.pauseSubscription(started.id, { whenToPause: "IMMEDIATE", whenToResume: "NOTHING" });
    expect((await client.getSubscription(started.id)).status).toBe("PAUSE");
    const renewPaused = await client.renewSubscription(started.id).catch((e: unknown) => e);
    expect(renewPaused).toMatchObject({ status: 400, errorCode: "INVALID_SUBSCRIPTION_STATUS" });

    await client.resumeSubscription(started.id);
    expect((await client.getSubscription(started.id)).status).toBe("ACTIVE");

    const renewed = await client.renewSubscription(started.id);
    const renewalOrderId = (renewed.body as { orderId: number }).orderId;
    const renewal = await client.getOrder(String(renewalOrderId));
    expect(renewal).toMatchObject({ type: "RECURRING", paidAmount: 19_000 });
    expect(renewal.paymentDate).not.toBeNull();
    expect(renewal.parentSubscription).toMatchObject({ id: started.id });
    const afterRenewal = await client.getSubscription(started.id);
    expect(afterRenewal.recurringCount).toBe(2);
    expect(afterRenewal.relatedOrders!.map((o) => o.id)).toEqual([order.orderId, renewalOrderId]);

    await client.cancelSubscription(started.id, { whenToCancel: "END_OF_PERIOD" });
    const pending = await client.getSubscription(started.id);
    expect(pending.status).toBe("PENDING_CANCEL");
    expect(pending.endDate).toBe(afterRenewal.nextPaymentDate);
    // StepPay cancels ACTIVE, PAUSE and UNPAID subscriptions only: one cancelling already is resumed first.
    const cancelPending = await client.cancelSubscription(started.id, { whenToCancel: "NOW" }).catch((e: unknown) => e);
    expect(cancelPending).toMatchObject({ status: 400 });
    await client.resumeSubscription(started.id);
    await client.cancelSubscription(started.id, { whenToCancel: "NOW" });
    expect((await client.getSubscription(started.id)).status).toBe("CANCELED");
    const cancelAgain = await client.cancelSubscription(started.id, { whenToCancel: "NOW" }).catch((e: unknown) => e);
    expect(cancelAgain).toMatchObject({ status: 400 });
  });

  it("exposes the session token only in the page URL", async () => {
    const { order } = await oneTimeOrder(1);
    const pageUrl = await client.getPayLink(order.orderCode, RETURN_URLS);
    const token = tokenOf(pageUrl);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Every raw body the API answers about the order (by code, by id, its receipt) leaves it out,
    // before and after payment, and so does the shopper's way back to the store.
    const bodiesAboutTheOrder = () =>
      Promise.all(
        [`/api/v1/orders/${order.orderCode}`, `/api/v1/orders/${order.orderId}`, `/api/payment/receipt/${order.idKey}`].map(async (path) => {
          const response = await apiCall("GET", path);
          expect(response.status).toBe(200);
          return response.text();
        }),
      );
    for (const body of await bodiesAboutTheOrder()) expect(body).not.toContain(token);
    const back = redirectTarget(await payWithCard(pageUrl, "4242 4242 4242 4242"));
    expect(back.searchParams.get("status")).toBe("success");
    expect(back.toString()).not.toContain(token);
    for (const body of await bodiesAboutTheOrder()) expect(body).not.toContain(token);
  });
});
