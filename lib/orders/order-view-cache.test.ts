import { beforeEach, describe, expect, it } from "vitest";
import type { OrderViewSource } from "./load-order";
import { forgetAllOrders, forgetOrder, ORDER_VIEW_CACHE_MAX_ENTRIES, orderViewTtlMs, readOrderThroughCache, writeOrder } from "./order-view-cache";

// A stand-in database: each id has a current status; `reads` counts how often it was asked.
function fakeDatabase() {
  const statuses = new Map<string, string>();
  let reads = 0;
  const load = async (id: string) => {
    reads++;
    const status = statuses.get(id);
    return status ? ({ id, status, items: [] } as unknown as OrderViewSource) : null;
  };
  return { statuses, load, reads: () => reads };
}

let clock = 0;
const options = { ttlMs: 1_000, now: () => clock };

describe("order view cache", () => {
  beforeEach(() => {
    forgetAllOrders();
    clock = 0;
  });

  it("answers a repeated poll from memory, and reads again once the answer is older than its lifetime", async () => {
    const db = fakeDatabase();
    db.statuses.set("a", "pending");
    expect((await readOrderThroughCache("a", db.load, options))?.status).toBe("pending");
    expect((await readOrderThroughCache("a", db.load, options))?.status).toBe("pending");
    expect(db.reads()).toBe(1);
    clock = 1_000;
    db.statuses.set("a", "paid"); // not announced: only the lifetime bounds how long it goes unseen
    expect((await readOrderThroughCache("a", db.load, options))?.status).toBe("paid");
    expect(db.reads()).toBe(2);
  });

  it("shows a write made in this process on the very next poll", async () => {
    const db = fakeDatabase();
    db.statuses.set("a", "pending");
    await readOrderThroughCache("a", db.load, options);
    db.statuses.set("a", "paid");
    forgetOrder("a");
    expect((await readOrderThroughCache("a", db.load, options))?.status).toBe("paid");
  });

  it("forgets an order after a write through writeOrder, whether the write succeeded or threw", async () => {
    const db = fakeDatabase();
    db.statuses.set("a", "pending");
    await readOrderThroughCache("a", db.load, options);
    expect(await writeOrder("a", async () => (db.statuses.set("a", "paid"), "done"))).toBe("done");
    expect((await readOrderThroughCache("a", db.load, options))?.status).toBe("paid");

    // A write that fails part-way (its transaction rolled back, or a later statement threw) may
    // still have changed something: the next poll reads the database either way.
    await expect(
      writeOrder("a", async () => {
        db.statuses.set("a", "refunded");
        throw new Error("the event insert failed");
      }),
    ).rejects.toThrow("the event insert failed");
    expect((await readOrderThroughCache("a", db.load, options))?.status).toBe("refunded");
    expect(db.reads()).toBe(3);
  });

  it("never keeps an older state read while a write was committing", async () => {
    const db = fakeDatabase();
    db.statuses.set("a", "pending");
    // The read sees "pending"; before it returns, the sync commits "paid" and forgets the order.
    const racing = async (id: string) => {
      const seen = await db.load(id);
      db.statuses.set("a", "paid");
      forgetOrder("a");
      return seen;
    };
    expect((await readOrderThroughCache("a", racing, options))?.status).toBe("pending");
    expect((await readOrderThroughCache("a", db.load, options))?.status).toBe("paid");
  });

  it("does not remember an order that does not exist (it may be created next)", async () => {
    const db = fakeDatabase();
    expect(await readOrderThroughCache("b", db.load, options)).toBeNull();
    db.statuses.set("b", "pending");
    expect((await readOrderThroughCache("b", db.load, options))?.status).toBe("pending");
  });

  it("forgets every order at once (the demo reset)", async () => {
    const db = fakeDatabase();
    db.statuses.set("a", "paid");
    db.statuses.set("b", "paid");
    await readOrderThroughCache("a", db.load, options);
    await readOrderThroughCache("b", db.load, options);
    db.statuses.clear();
    forgetAllOrders();
    expect(await readOrderThroughCache("a", db.load, options)).toBeNull();
    expect(await readOrderThroughCache("b", db.load, options)).toBeNull();
  });

  it("holds a bounded number of orders, dropping the least recently stored", async () => {
    const db = fakeDatabase();
    for (let i = 0; i <= ORDER_VIEW_CACHE_MAX_ENTRIES; i++) db.statuses.set(`o${i}`, "pending");
    for (let i = 0; i <= ORDER_VIEW_CACHE_MAX_ENTRIES; i++) await readOrderThroughCache(`o${i}`, db.load, options);
    const before = db.reads();
    await readOrderThroughCache(`o${ORDER_VIEW_CACHE_MAX_ENTRIES}`, db.load, options); // the newest: kept
    expect(db.reads()).toBe(before);
    await readOrderThroughCache("o0", db.load, options); // the oldest: dropped
    expect(db.reads()).toBe(before + 1);
  });

  it("is off while other processes' writes are not seen here (PostgreSQL, feed not live): every poll reads it", async () => {
    expect(orderViewTtlMs(false)).toBe(0);
    expect(orderViewTtlMs(true)).toBeGreaterThan(0);
    const db = fakeDatabase();
    db.statuses.set("a", "pending");
    await readOrderThroughCache("a", db.load, { ttlMs: orderViewTtlMs(false) });
    db.statuses.set("a", "paid"); // written by another instance: nothing here was told
    expect((await readOrderThroughCache("a", db.load, { ttlMs: orderViewTtlMs(false) }))?.status).toBe("paid");
    expect(db.reads()).toBe(2);
  });
});
