import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCheckoutView, parseFieldErrors, parsePayLinkQuery, withResultParams } from "./checkout";
import { stepPayDb } from "./database";
import { sbxStepPayCheckoutSessions, sbxStepPayPayments } from "./schema";
import { payWithCard, RETURN_URLS, seedCatalog, storeClient, submitCheckout, tokenOf, VALID_CARD_FIELDS } from "./test-fixtures";
import { DATABASE_WARM_UP_MS, openSandboxDatabases } from "@/lib/sandbox/shared/test-databases";

// The in-memory database starts once per file, outside the first test's timeout.
beforeAll(() => openSandboxDatabases(["steppay"]), DATABASE_WARM_UP_MS);

const client = storeClient();

async function openCheckout(options: { lang?: string; quantity?: number; recurring?: boolean } = {}) {
  const seeded = await seedCatalog(client);
  const order = await client.createOrder({
    customerId: seeded.customer.id,
    items: [
      options.recurring
        ? { productCode: seeded.subscriptionProduct.code, priceCode: seeded.monthly.code, currency: "KRW", quantity: 1 }
        : { productCode: seeded.product.code, priceCode: seeded.oneTime.code, currency: "KRW", quantity: options.quantity ?? 2 },
    ],
  });
  const pageUrl = await client.getPayLink(order.orderCode, { ...RETURN_URLS, lang: options.lang });
  return { order, pageUrl, token: tokenOf(pageUrl) };
}

describe("withResultParams", () => {
  const order = { id: 42, code: "order_AbCdEfGhI" };
  it("appends StepPay's parameters to a URL without a query", () => {
    expect(withResultParams("https://shop.example/done", order, "success")).toBe("https://shop.example/done?order_id=42&order_code=order_AbCdEfGhI&status=success");
  });
  it("keeps an existing query and fragment, and replaces stale values", () => {
    expect(withResultParams("https://shop.example/r?x=1&status=old#top", order, "cancel")).toBe(
      "https://shop.example/r?x=1&status=cancel&order_id=42&order_code=order_AbCdEfGhI#top",
    );
  });
});

describe("parsePayLinkQuery", () => {
  it("defaults errorUrl to successUrl, cancelUrl to errorUrl, and lang to Korean", () => {
    expect(parsePayLinkQuery(new URLSearchParams({ successUrl: "https://s.example/ok" }))).toEqual({
      successUrl: "https://s.example/ok",
      errorUrl: "https://s.example/ok",
      cancelUrl: "https://s.example/ok",
      lang: "ko",
    });
    expect(parsePayLinkQuery(new URLSearchParams({ ...RETURN_URLS, lang: "EN" })).lang).toBe("en");
    expect(parsePayLinkQuery(new URLSearchParams({ ...RETURN_URLS, lang: "fr" })).lang).toBe("ko");
  });
});

describe("the hosted page's view", () => {
  it("shows a payable order with its lines and total", async () => {
    const { order, token } = await openCheckout({ lang: "en", quantity: 2 });
    const view = await loadCheckoutView(token);
    expect(view).toMatchObject({
      state: "payable",
      lang: "en",
      merchantHost: "localhost:3000",
      lastFailure: null,
      order: { id: order.orderId, code: order.orderCode, total: 59_000, lines: [{ productName: "Ceramic Mug", planName: "Single purchase", quantity: 2, amount: 59_000, recurring: null }] },
    });
  });

  it("shows the billing interval of a subscription line", async () => {
    const { token } = await openCheckout({ recurring: true });
    const view = await loadCheckoutView(token);
    expect(view.state === "payable" && view.order.lines[0]!.recurring).toEqual({ interval: "MONTH", intervalCount: 1 });
  });

  it("expires after 30 minutes, and an unknown token is expired too", async () => {
    const { token } = await openCheckout();
    expect((await loadCheckoutView(token, new Date(Date.now() + 29 * 60_000))).state).toBe("payable");
    expect((await loadCheckoutView(token, new Date(Date.now() + 31 * 60_000))).state).toBe("expired");
    expect((await loadCheckoutView("A".repeat(43))).state).toBe("expired");
    expect((await loadCheckoutView("../../etc")).state).toBe("expired");
  });

  it("after a decline, offers the form again with the failure", async () => {
    const { token, pageUrl } = await openCheckout({ lang: "en" });
    await payWithCard(pageUrl, "4000 0000 0000 0002");
    const view = await loadCheckoutView(token);
    expect(view).toMatchObject({ state: "payable", lastFailure: { errorCode: "CARD_DECLINED", errorMessage: "Declined by the card issuer: insufficient limit" } });
  });

  it("a paid order says so and continues to successUrl with the success parameters", async () => {
    const { order, token, pageUrl } = await openCheckout();
    await payWithCard(pageUrl, "4242 4242 4242 4242");
    const view = await loadCheckoutView(token);
    expect(view.state).toBe("paid");
    expect(view.state !== "expired" && view.continueUrl).toBe(`${RETURN_URLS.successUrl}&order_id=${order.orderId}&order_code=${order.orderCode}&status=success`);
  });

  it("a refunded or cancelled order is closed", async () => {
    const paid = await openCheckout();
    await payWithCard(paid.pageUrl, "4242 4242 4242 4242");
    await client.cancelOrder(paid.order.orderCode, { requestPrice: 59_000 });
    expect(await loadCheckoutView(paid.token)).toMatchObject({ state: "closed", closedReason: "refunded" });

    const unpaid = await openCheckout();
    await client.cancelOrder(unpaid.order.orderCode, { requestPrice: 0 });
    expect(await loadCheckoutView(unpaid.token)).toMatchObject({ state: "closed", closedReason: "cancelled" });
  });

  it("reads field errors from the query, ignoring unknown names", () => {
    expect(parseFieldErrors(["cvc", "cardNumber", "evil"])).toEqual(["cardNumber", "cvc"]);
    expect(parseFieldErrors("expiry")).toEqual(["expiry"]);
    expect(parseFieldErrors(undefined)).toEqual([]);
  });
});

describe("submitting the hosted page", () => {
  it("a Luhn-invalid card goes back to the page with the field in error, and changes nothing", async () => {
    const { order, pageUrl } = await openCheckout();
    const response = await submitCheckout(pageUrl, { ...VALID_CARD_FIELDS, cardNumber: "4242 4242 4242 4241", cvc: "1", intent: "pay" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${pageUrl}?error=cardNumber&error=cvc`);
    const unchanged = await client.getOrder(order.orderCode);
    expect(unchanged).toMatchObject({ payment: null, paymentDate: null });
    expect(unchanged.items![0]!.status).toBe("CREATED");
  });

  it("charges once when the form is submitted twice at the same moment", async () => {
    const { order, pageUrl } = await openCheckout();
    const [first, second] = await Promise.all([payWithCard(pageUrl, "4242 4242 4242 4242"), payWithCard(pageUrl, "4242 4242 4242 4242")]);
    for (const response of [first!, second!]) expect(new URL(response.headers.get("location")!).searchParams.get("status")).toBe("success");
    const db = await stepPayDb();
    const payments = await db.select().from(sbxStepPayPayments).where(eq(sbxStepPayPayments.orderId, order.orderId));
    expect(payments).toHaveLength(1);
    expect((await client.getOrder(order.orderCode)).paidAmount).toBe(59_000);
  });

  it("an expired session sends the shopper back to the page (which says it expired) without charging", async () => {
    const { order, pageUrl, token } = await openCheckout();
    const db = await stepPayDb();
    await db.update(sbxStepPayCheckoutSessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sbxStepPayCheckoutSessions.token, token));
    const response = await payWithCard(pageUrl, "4242 4242 4242 4242");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(pageUrl);
    expect((await client.getOrder(order.orderCode)).paymentDate).toBeNull();
  });

  it("paying a subscription order twice through two pay links starts one subscription", async () => {
    const { order, pageUrl } = await openCheckout({ recurring: true });
    const second = await client.getPayLink(order.orderCode, RETURN_URLS);
    await payWithCard(pageUrl, "4242 4242 4242 4242");
    await payWithCard(second, "4242 4242 4242 4242");
    expect((await client.getOrder(order.orderCode)).subscriptions).toHaveLength(1);
  });
});
