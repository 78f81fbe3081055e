import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standInProvider } from "@/lib/test-support/provider-stand-in";
import { getDb } from "@/lib/db/client";
import { config } from "@/lib/env";
import { fulfilments, orderEvents, orders, providerPayments } from "@/lib/db/schema";
import { reconcileOnce } from "./reconciler";
import { syncOrderFromProvider } from "./sync-order";

// vitest runs with PGLITE_DIR=memory:// (vitest.config.mts): a fresh embedded database per file.
// StepPay is a small HTTP server of our own on a local port, standing where the sandbox would be
// (SANDBOX_ORIGIN, read when this file's configuration is first parsed). It answers every order as
// paid in full, with the refunded total each test sets: a refunded StepPay order keeps its
// paymentDate and paidAmount; only returnedAmount grows.
const TOTAL = 59_000;
let provider: { close: () => Promise<void> };
let returnedAmount = 0;
let unifiStatus = "CONFIRMED";

beforeAll(async () => {
  provider = await standInProvider((request, response) => {
    const lastPart = decodeURIComponent((request.url ?? "").split("/").pop()!);
    response.writeHead(200, { "content-type": "application/json" });
    if ((request.url ?? "").includes("/unifipay/api/v1/payment/")) {
      const orderId = lastPart.split("~")[0];
      response.end(JSON.stringify({ status: unifiStatus, orderId, storeId: config().unifipay.storeId, payAmount: 18, orderAmount: "18.00", transactionId: lastPart, discountAmount: 0, payCurrencyCode: "USD", orderCurrencyCode: "USD" }));
      return;
    }
    const orderCode = lastPart;
    response.end(JSON.stringify({ orderId: 1, orderCode, type: "ONE_TIME", paidAmount: TOTAL, returnedAmount, currency: "KRW", paymentDate: "2026-11-22T10:00:00", items: [] }));
  });
});

afterAll(() => provider.close());

async function pendingStepPayOrder(): Promise<string> {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(orders).values({ id, provider: "steppay", status: "pending", currency: "KRW", totalAmount: TOTAL, customerName: "T", customerEmail: "t@example.com" });
  await db.insert(providerPayments).values({ id: randomUUID(), orderId: id, provider: "steppay", ref: `order_${id.slice(0, 8)}`, lastProviderStatus: "CREATED" });
  return id;
}

async function stateOf(id: string) {
  const db = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, id));
  const shipped = await db.select().from(fulfilments).where(eq(fulfilments.orderId, id));
  const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, id));
  return { status: order!.status, paidAmount: order!.paidAmount, refundedAmount: order!.refundedAmount, shipped: shipped.length, types: events.map((e) => e.type) };
}

describe("syncOrderFromProvider: a StepPay order first seen paid after it was refunded", () => {
  it("refunded in full: the order completes and is refunded in the same step, and nothing is shipped", async () => {
    const id = await pendingStepPayOrder();
    returnedAmount = TOTAL;
    const result = await syncOrderFromProvider(id, { source: "reconciler" });
    expect(result).toMatchObject({ status: "refunded", changed: true });
    expect(await stateOf(id)).toEqual({ status: "refunded", paidAmount: TOTAL, refundedAmount: TOTAL, shipped: 0, types: ["verified", "refunded"] });
  });

  it("refunded in part: partially refunded, and shipped", async () => {
    const id = await pendingStepPayOrder();
    returnedAmount = 9_000;
    expect((await syncOrderFromProvider(id, { source: "webhook" })).status).toBe("partially_refunded");
    expect(await stateOf(id)).toEqual({ status: "partially_refunded", paidAmount: TOTAL, refundedAmount: 9_000, shipped: 1, types: ["verified", "refunded"] });
  });

  it("not refunded: paid and shipped, once however often it is read", async () => {
    const id = await pendingStepPayOrder();
    returnedAmount = 0;
    expect((await syncOrderFromProvider(id, { source: "return" })).status).toBe("paid");
    expect((await syncOrderFromProvider(id, { source: "webhook" })).changed).toBe(false);
    expect(await stateOf(id)).toEqual({ status: "paid", paidAmount: TOTAL, refundedAmount: 0, shipped: 1, types: ["verified"] });
  });
});

describe("a Unifi Pay payment refunded in its dashboard, its callback lost", () => {
  it("is found by the reconciler's daily read of paid orders", async () => {
    const db = await getDb();
    const id = randomUUID();
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await db.insert(orders).values({ id, provider: "unifipay", status: "paid", currency: "USD", totalAmount: 1800, paidAmount: 1800, paidAt: twoDaysAgo, lastSyncedAt: twoDaysAgo, customerName: "T", customerEmail: "t@example.com", countryCode: "USA" });
    // The transaction id carries the order id, so the stand-in can answer about the right order.
    const ref = `${id}~tx`;
    await db.insert(providerPayments).values({ id: randomUUID(), orderId: id, provider: "unifipay", ref, requestId: randomUUID(), lastProviderStatus: "CONFIRMED" });
    unifiStatus = "REFUNDED";
    await reconcileOnce({ pendingAfterMs: 120_000 });
    expect(await stateOf(id)).toMatchObject({ status: "refunded", refundedAmount: 1800 });
  });
});
