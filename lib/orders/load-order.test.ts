import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { orders, providerPayments } from "@/lib/db/schema";
import { latestPaymentOf } from "./load-order";

// vitest runs with PGLITE_DIR=memory:// (vitest.config.mts): a fresh embedded database per file.
async function unifiOrder(): Promise<string> {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(orders).values({ id, provider: "unifipay", status: "pending", currency: "USD", totalAmount: 1800, customerName: "T", customerEmail: "t@example.com" });
  return id;
}

async function attempt(orderId: string, ref: string | null, createdAt: Date): Promise<string> {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(providerPayments).values({ id, orderId, provider: "unifipay", ref, requestId: id, createdAt });
  return id;
}

describe("latestPaymentOf", () => {
  it("is the order's latest attempt the provider knows of: an attempt whose create call failed (no ref) does not hide the one before", async () => {
    const orderId = await unifiOrder();
    const first = await attempt(orderId, `tx-${randomUUID()}`, new Date("2026-11-22T10:00:00Z"));
    await attempt(orderId, null, new Date("2026-11-22T10:01:00Z"));
    expect((await latestPaymentOf(orderId))?.id).toBe(first);

    const third = await attempt(orderId, `tx-${randomUUID()}`, new Date("2026-11-22T10:02:00Z"));
    expect((await latestPaymentOf(orderId))?.id).toBe(third);
  });

  it("is null for an order no provider knows of", async () => {
    const orderId = await unifiOrder();
    await attempt(orderId, null, new Date());
    expect(await latestPaymentOf(orderId)).toBeNull();
  });
});
