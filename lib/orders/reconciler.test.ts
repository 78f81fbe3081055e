import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { reconcileOnce } from "./reconciler";

// vitest runs with PGLITE_DIR=memory:// : this file's own embedded database. The orders have no
// payment attempt, so the sync after the claim has nothing to ask; the claim is what is tested.
async function pendingOrder(updatedMinutesAgo: number, askedMinutesAgo: number | null): Promise<string> {
  const db = await getDb();
  const id = randomUUID();
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  await db.insert(orders).values({
    id,
    provider: "unifipay",
    status: "pending",
    currency: "USD",
    totalAmount: 1800,
    customerName: "T",
    customerEmail: "t@example.com",
    createdAt: minutesAgo(updatedMinutesAgo),
    updatedAt: minutesAgo(updatedMinutesAgo),
    lastSyncedAt: askedMinutesAgo === null ? null : minutesAgo(askedMinutesAgo),
  });
  return id;
}

describe("reconcileOnce", () => {
  it("asks first about the orders asked least recently, so old abandoned checkouts cannot starve a newer one", async () => {
    const abandoned = [await pendingOrder(300, 10), await pendingOrder(240, 10), await pendingOrder(180, 10)];
    const lostReturn = await pendingOrder(20, null); // newer, never asked about
    const db = await getDb();
    const before = new Date(Date.now() - 1000);
    await reconcileOnce({ pendingAfterMs: 120_000, batch: 1 });
    const asked = (await db.select({ id: orders.id, lastSyncedAt: orders.lastSyncedAt }).from(orders).where(inArray(orders.id, [...abandoned, lostReturn])))
      .filter((row) => row.lastSyncedAt && row.lastSyncedAt > before)
      .map((row) => row.id);
    expect(asked).toEqual([lostReturn]);

    await reconcileOnce({ pendingAfterMs: 120_000, batch: 1 });
    const [oldest] = await db.select({ lastSyncedAt: orders.lastSyncedAt }).from(orders).where(inArray(orders.id, [abandoned[0]!]));
    expect(oldest!.lastSyncedAt!.getTime()).toBeGreaterThan(before.getTime()); // then the least recently asked of the rest
  });
});
