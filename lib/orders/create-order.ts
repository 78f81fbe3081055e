import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { orderItems, orders } from "@/lib/db/schema";
import { collectExchanges } from "@/lib/payments/exchange-log";
import type { OrderWithItems } from "@/lib/payments/gateway";
import { gatewayFor } from "@/lib/payments/gateways";
import type { PricedCheckout } from "./checkout-input";
import { latestPaymentOf } from "./load-order";
import { addOrderEvent } from "./order-events";

export type CreatedOrder = { order: OrderWithItems; prepared: boolean; prepareError: string | null; replayed: boolean };

/**
 * Saves the order first (so nothing is lost if the provider is down), then asks the provider to
 * prepare it (StepPay: customer + order). A failed preparation is recorded and retried when the
 * shopper pays; the order itself stands.
 *
 * `checkoutKey` (the checkout's Idempotency-Key): "Place order" sent again with the same key (its
 * answer was lost, the shopper pressed again) finds the order the first one made, however the two
 * overlap, instead of making a second (`replayed`). The same key with another order → "key_reused".
 */
export async function createOrder(input: PricedCheckout, { checkoutKey = null }: { checkoutKey?: string | null } = {}): Promise<CreatedOrder | { error: "key_reused" }> {
  const db = await getDb();
  if (checkoutKey) {
    const earlier = await orderByCheckoutKey(db, checkoutKey);
    if (earlier) return replay(earlier, input);
  }
  const id = randomUUID();
  const order = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({
        id,
        provider: input.provider,
        kind: input.kind,
        status: "pending",
        currency: input.currency,
        totalAmount: input.totalAmount,
        customerName: input.customer.name,
        customerEmail: input.customer.email,
        countryCode: input.countryCode,
        locale: input.locale,
        checkoutKey,
      })
      // Only the checkout key can clash (the id is new): the same key's order committed meanwhile.
      .onConflictDoNothing()
      .returning();
    if (!row) return null;
    const items = await tx
      .insert(orderItems)
      .values(
        input.lines.map((line) => ({
          orderId: id,
          productId: line.product.id,
          name: line.product.name.en,
          unitAmount: line.unitAmount,
          quantity: line.quantity,
          lineAmount: line.lineAmount,
        })),
      )
      .returning();
    await addOrderEvent(tx, id, "order_created", `Order created for ${input.totalAmount} ${input.currency}, priced on the server`, {
      lines: input.lines.map((line) => ({ productId: line.product.id, quantity: line.quantity, unitAmount: line.unitAmount })),
    });
    return { ...row, items };
  });
  if (!order) {
    const earlier = await orderByCheckoutKey(db, checkoutKey!);
    if (!earlier) throw new Error("An order with this checkout key was neither saved nor found");
    return replay(earlier, input);
  }
  return { ...(await prepare(db, order)), replayed: false };
}

async function prepare(db: Db, order: OrderWithItems): Promise<Omit<CreatedOrder, "replayed">> {
  const outcome = await collectExchanges(() => gatewayFor(order.provider).prepare(order));
  if ("error" in outcome) {
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    await addOrderEvent(db, order.id, "provider_prepare_failed", "The provider could not prepare the order yet; it will be retried at payment", {
      error: message,
      exchanges: outcome.exchanges,
    });
    return { order, prepared: false, prepareError: message };
  }
  if (outcome.exchanges.length > 0) {
    await addOrderEvent(db, order.id, "provider_prepared", `Prepared at ${order.provider}`, { exchanges: outcome.exchanges });
  }
  return { order, prepared: true, prepareError: null };
}

async function orderByCheckoutKey(db: Db, checkoutKey: string): Promise<OrderWithItems | null> {
  const [row] = await db.select().from(orders).where(eq(orders.checkoutKey, checkoutKey));
  if (!row) return null;
  const items = await db.select().from(orderItems).where(eq(orderItems.orderId, row.id)).orderBy(asc(orderItems.id));
  return { ...row, items };
}

/**
 * The order an earlier request with this key made, if this request asks for the same one: the
 * same provider, buyer, country and products in the same quantities (as the schema normalised
 * them; prices are the server's and may have been read again). Nothing is asked of the provider: a
 * preparation that failed is retried when the shopper pays, by startPayment, which alone may also
 * replace a provider object (a StepPay order cancelled unpaid) with the bookkeeping that needs.
 */
async function replay(earlier: OrderWithItems, input: PricedCheckout): Promise<CreatedOrder | { error: "key_reused" }> {
  const quantities = (lines: { productId: string; quantity: number }[]) => JSON.stringify([...lines].sort((a, b) => a.productId.localeCompare(b.productId)).map((l) => [l.productId, l.quantity]));
  const same =
    earlier.provider === input.provider &&
    earlier.customerName === input.customer.name &&
    earlier.customerEmail === input.customer.email &&
    earlier.countryCode === input.countryCode &&
    quantities(earlier.items) === quantities(input.lines.map((line) => ({ productId: line.product.id, quantity: line.quantity })));
  if (!same) return { error: "key_reused" };
  const prepared = !gatewayFor(earlier.provider).preparesUpFront || (await latestPaymentOf(earlier.id)) !== null;
  return { order: earlier, prepared, prepareError: null, replayed: true };
}
