import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standInProvider } from "@/lib/test-support/provider-stand-in";
import { getDb } from "@/lib/db/client";
import { config } from "@/lib/env";
import { orderEvents, orders, providerPayments } from "@/lib/db/schema";
import { reconcileOnce } from "./reconciler";
import { startPayment } from "./start-payment";

// vitest runs with PGLITE_DIR=memory:// (vitest.config.mts): a fresh embedded database per file.
// Unifi Pay is a small HTTP server of our own on a local port, standing where the sandbox would be
// (SANDBOX_ORIGIN, read when this file's configuration is first parsed): it answers each
// transaction's status from `statuses`, and counts the transactions it is asked to create.
let provider: { close: () => Promise<void> };
const statuses = new Map<string, string>();
let creates = 0;

beforeAll(async () => {
  provider = await standInProvider((request, response) => {
    const url = request.url ?? "";
    if (request.method === "POST") {
      creates++;
      response.writeHead(500).end();
      return;
    }
    const transactionId = decodeURIComponent(url.split("/").pop()!);
    const orderId = transactionId.split("~")[0];
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ status: statuses.get(transactionId) ?? "PENDING", orderId, storeId: config().unifipay.storeId, payAmount: 18, orderAmount: "18.00", transactionId, discountAmount: 0, payCurrencyCode: "USD", orderCurrencyCode: "USD" }));
  });
});

afterAll(() => provider.close());

/** A pending Unifi order with two open attempts: the first window's (paid) and the latest one's (still open). */
async function paidInAnEarlierWindow(): Promise<string> {
  const db = await getDb();
  const id = randomUUID();
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  await db.insert(orders).values({ id, provider: "unifipay", status: "pending", currency: "USD", totalAmount: 1800, countryCode: "USA", customerName: "T", customerEmail: "t@example.com", createdAt: minutesAgo(10), updatedAt: minutesAgo(10) });
  for (const [name, createdAt] of [["first", minutesAgo(9)], ["latest", minutesAgo(8)]] as const) {
    const ref = `${id}~${name}`;
    await db.insert(providerPayments).values({ id: randomUUID(), orderId: id, provider: "unifipay", ref, requestId: randomUUID(), lastProviderStatus: "CREATED", createdAt });
    statuses.set(ref, name === "first" ? "CONFIRMED" : "PENDING");
  }
  return id;
}

async function statusOf(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row!.status;
}

describe("Unifi Pay: an earlier window paid while the latest attempt stays open", () => {
  it("the reconciler asks about every open attempt, and completes the order", async () => {
    const id = await paidInAnEarlierWindow();
    await reconcileOnce({ pendingAfterMs: 120_000 });
    expect(await statusOf(id)).toBe("paid");
  });

  it("Pay again finds the payment before opening another page: no third transaction", async () => {
    const id = await paidInAnEarlierWindow();
    const createsBefore = creates;
    expect(await startPayment(id, "redirect")).toEqual({ kind: "settled" });
    expect(creates).toBe(createsBefore);
    expect(await statusOf(id)).toBe("paid");
  });
});

describe("the reconciler's routine question", () => {
  it("adds no event to the order when it finds nothing new (an abandoned checkout would gather hundreds)", async () => {
    const db = await getDb();
    const id = randomUUID();
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    await db.insert(orders).values({ id, provider: "unifipay", status: "pending", currency: "USD", totalAmount: 1800, countryCode: "USA", customerName: "T", customerEmail: "t@example.com", createdAt: minutesAgo(10), updatedAt: minutesAgo(10) });
    const ref = `${id}~open`;
    await db.insert(providerPayments).values({ id: randomUUID(), orderId: id, provider: "unifipay", ref, requestId: randomUUID(), lastProviderStatus: "CREATED", createdAt: minutesAgo(9) });
    statuses.set(ref, "PENDING");
    const verified = async () => (await db.select().from(orderEvents).where(and(eq(orderEvents.orderId, id), eq(orderEvents.type, "verified")))).length;

    await reconcileOnce({ pendingAfterMs: 120_000 });
    expect(await verified()).toBe(1); // the attempt's status moved (CREATED → PENDING): told once
    await db.update(orders).set({ lastSyncedAt: minutesAgo(5) }).where(eq(orders.id, id));
    await reconcileOnce({ pendingAfterMs: 120_000 });
    const [row] = await db.select().from(orders).where(eq(orders.id, id));
    expect(row!.lastSyncedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000); // asked again…
    expect(await verified()).toBe(1); // …and nothing new to tell
  });
});

