import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { standInProvider } from "@/lib/test-support/provider-stand-in";
import { getDb } from "@/lib/db/client";
import { orderEvents, orderItems, orders } from "@/lib/db/schema";
import { checkoutInputSchema, type CheckoutInput } from "./checkout-input";
import { createOrder, type CreatedOrder } from "./create-order";

// vitest runs with PGLITE_DIR=memory:// (vitest.config.mts): a fresh embedded database per file.
// Unifi Pay prepares nothing up front. StepPay would: its sandbox is pointed at a local port where
// nothing listens (read when this file's configuration is first parsed), so preparing fails at once.
beforeAll(async () => {
  await standInProvider();
});

const checkout = (overrides: Partial<CheckoutInput> = {}) =>
  checkoutInputSchema.parse({
    provider: "unifipay",
    countryCode: "USA",
    customer: { name: "Mina", email: `mina-${randomUUID()}@example.com` },
    items: [
      { productId: "hanok-mug", quantity: 2 },
      { productId: "jeju-green-tea", quantity: 1 },
    ],
    ...overrides,
  });

function created(result: Awaited<ReturnType<typeof createOrder>>): CreatedOrder {
  if ("error" in result) throw new Error(`expected an order, got ${result.error}`);
  return result;
}

async function ordersOf(email: string) {
  const db = await getDb();
  return db.select().from(orders).where(eq(orders.customerEmail, email));
}

describe("createOrder with a checkout key", () => {
  it("answers the same key and order again with the order the first request made", async () => {
    const input = checkout();
    const key = randomUUID();
    const first = created(await createOrder(input, { checkoutKey: key }));
    const again = created(await createOrder(input, { checkoutKey: key }));
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.order.id).toBe(first.order.id);
    expect(again.order.items.map((item) => [item.productId, item.quantity])).toEqual([
      ["hanok-mug", 2],
      ["jeju-green-tea", 1],
    ]);
    expect(await ordersOf(input.customer.email)).toHaveLength(1);
  });

  it("makes one order when requests with the same key overlap", async () => {
    const input = checkout();
    const key = randomUUID();
    const results = (await Promise.all(Array.from({ length: 5 }, () => createOrder(input, { checkoutKey: key })))).map(created);
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const saved = await ordersOf(input.customer.email);
    expect(saved).toHaveLength(1);
    const db = await getDb();
    expect(await db.select().from(orderItems).where(eq(orderItems.orderId, saved[0]!.id))).toHaveLength(2);
  });

  it("refuses the key for another order, and makes nothing", async () => {
    const key = randomUUID();
    const input = checkout();
    created(await createOrder(input, { checkoutKey: key }));
    for (const other of [
      checkout({ customer: { name: "Mina", email: "someone-else@example.com" } }),
      checkout({ customer: input.customer, items: [{ productId: "hanok-mug", quantity: 3 }] }),
      checkout({ customer: input.customer, countryCode: "KOR" }),
    ]) {
      expect(await createOrder(other, { checkoutKey: key })).toEqual({ error: "key_reused" });
    }
    expect(await ordersOf("someone-else@example.com")).toHaveLength(0);
    expect(await ordersOf(input.customer.email)).toHaveLength(1);
  });

  it("replays the same products sent in another order of lines", async () => {
    const input = checkout();
    const key = randomUUID();
    const first = created(await createOrder(input, { checkoutKey: key }));
    const reordered = checkout({ customer: input.customer, items: [{ productId: "jeju-green-tea", quantity: 1 }, { productId: "hanok-mug", quantity: 2 }] });
    expect(created(await createOrder(reordered, { checkoutKey: key })).order.id).toBe(first.order.id);
  });

  it("asks no provider when replaying: a failed preparation is left to the payment, which retries it", async () => {
    const input = checkout({ provider: "steppay", countryCode: undefined });
    const key = randomUUID();
    const first = created(await createOrder(input, { checkoutKey: key }));
    expect(first.prepared).toBe(false);
    const again = created(await createOrder(input, { checkoutKey: key }));
    expect(again).toMatchObject({ replayed: true, prepared: false });
    const db = await getDb();
    const failures = await db.select().from(orderEvents).where(and(eq(orderEvents.orderId, first.order.id), eq(orderEvents.type, "provider_prepare_failed")));
    expect(failures).toHaveLength(1);
  });

  it("makes an order per request without a key", async () => {
    const input = checkout();
    const first = created(await createOrder(input));
    const second = created(await createOrder(input));
    expect(second.order.id).not.toBe(first.order.id);
    expect(await ordersOf(input.customer.email)).toHaveLength(2);
  });
});
