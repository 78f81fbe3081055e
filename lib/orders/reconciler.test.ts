import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { orders, providerPayments } from "@/lib/db/schema";
import { standInProvider } from "@/lib/test-support/provider-stand-in";
import { passBudgetMs, reconcileOnce } from "./reconciler";

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

// No provider listens (every call is refused at once): the orders with an attempt cannot be asked.
let provider: { close: () => Promise<void> };
beforeAll(async () => {
  provider = await standInProvider();
});
afterAll(() => provider.close());

/** A pending Unifi Pay order with an open transaction the reconciler will try to read. */
async function pendingOrderWithAttempt(): Promise<string> {
  const id = await pendingOrder(30, null);
  await (await getDb()).insert(providerPayments).values({ id: randomUUID(), orderId: id, provider: "unifipay", ref: `tx-${randomUUID()}`, requestId: randomUUID(), details: {} });
  return id;
}

describe("reconcileOnce", () => {
  it("asks first about the orders asked least recently, so old abandoned checkouts cannot starve a newer one", async () => {
    const abandoned = [await pendingOrder(300, 60), await pendingOrder(240, 60), await pendingOrder(180, 60)]; // all due again (an eighth of their age has passed)
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

  it("asks again after pendingAfterMs while an order is young, then an eighth of its age, at most hourly", async () => {
    const day = 24 * 60;
    const due = {
      fresh: await pendingOrder(10, 3), // 10 min old, asked 3 min ago: due (2 min)
      youngAskedNow: await pendingOrder(10, 1), // asked a minute ago: not yet
      twoHoursOld: await pendingOrder(120, 10), // waits an eighth of its age, 15 min: not yet
      twoHoursOldLater: await pendingOrder(120, 20), // asked 20 min ago: due
      abandoned: await pendingOrder(2 * day, 50), // days old: hourly, not yet
      abandonedLater: await pendingOrder(2 * day, 70), // asked 70 min ago: due
    };
    const db = await getDb();
    const before = new Date(Date.now() - 1000);
    await reconcileOnce({ pendingAfterMs: 120_000, batch: 50 });
    const asked = new Set(
      (await db.select({ id: orders.id, lastSyncedAt: orders.lastSyncedAt }).from(orders).where(inArray(orders.id, Object.values(due))))
        .filter((row) => row.lastSyncedAt && row.lastSyncedAt > before)
        .map((row) => row.id),
    );
    expect(Object.entries(due).filter(([, id]) => asked.has(id)).map(([name]) => name)).toEqual(["fresh", "twoHoursOldLater", "abandonedLater"]);
  });

  it("works through a backlog in one pass while batches come back full and the budget lasts; without a budget, one batch", async () => {
    const backlog = await Promise.all(Array.from({ length: 5 }, () => pendingOrder(30, null)));
    const db = await getDb();
    const askedOf = async (since: Date) =>
      (await db.select({ id: orders.id, lastSyncedAt: orders.lastSyncedAt }).from(orders).where(inArray(orders.id, backlog))).filter((row) => row.lastSyncedAt && row.lastSyncedAt > since).length;

    const before = new Date(Date.now() - 1000);
    const one = await reconcileOnce({ pendingAfterMs: 120_000, batch: 2 });
    expect(one.orders).toBe(2);
    expect(await askedOf(before)).toBeLessThanOrEqual(2);

    const pass = await reconcileOnce({ pendingAfterMs: 120_000, batch: 2, budgetMs: 60_000 });
    expect(await askedOf(before)).toBe(5); // every one of the backlog, whatever else was due
    expect(pass.orders).toBeGreaterThanOrEqual(3);
    expect((await reconcileOnce({ pendingAfterMs: 120_000, batch: 2 })).orders).toBe(0); // nothing due was left behind
  });

  it("is not stopped by one order in a batch whose lookup fails: the rest of the backlog is still asked", async () => {
    const backlog = [await pendingOrderWithAttempt(), ...(await Promise.all(Array.from({ length: 4 }, () => pendingOrder(30, null))))];
    const db = await getDb();
    const before = new Date(Date.now() - 1000);
    await reconcileOnce({ pendingAfterMs: 120_000, batch: 2, budgetMs: 60_000 });
    const asked = (await db.select({ lastSyncedAt: orders.lastSyncedAt }).from(orders).where(inArray(orders.id, backlog))).filter((row) => row.lastSyncedAt && row.lastSyncedAt > before);
    expect(asked).toHaveLength(5);
  });

  it("stops after the first batch when the provider could not be asked, whatever the budget", async () => {
    const unreachable = await Promise.all(Array.from({ length: 5 }, () => pendingOrderWithAttempt()));
    const db = await getDb();
    const before = new Date(Date.now() - 1000);
    const pass = await reconcileOnce({ pendingAfterMs: 120_000, batch: 2, budgetMs: 60_000 });
    expect(pass.orders).toBe(2);
    const asked = (await db.select({ lastSyncedAt: orders.lastSyncedAt, error: orders.lastSyncError }).from(orders).where(inArray(orders.id, unreachable))).filter(
      (row) => row.lastSyncedAt && row.lastSyncedAt > before,
    );
    expect(asked).toHaveLength(2);
    expect(asked.every((row) => row.error)).toBe(true); // they were tried, and the failure recorded
  });
});

describe("passBudgetMs", () => {
  it("gives a pass two thirds of a long interval, under half of pendingAfterMs, and nothing extra to a short interval", () => {
    expect(passBudgetMs(30_000, 120_000)).toBe(20_000);
    expect(passBudgetMs(60_000, 10_000)).toBe(5_000);
    expect(passBudgetMs(1_000, 4_000)).toBe(0);
  });
});
