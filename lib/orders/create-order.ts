import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { orderItems, orders } from "@/lib/db/schema";
import { collectExchanges } from "@/lib/payments/exchange-log";
import type { OrderWithItems } from "@/lib/payments/gateway";
import { gatewayFor } from "@/lib/payments/gateways";
import type { PricedCheckout } from "./checkout-input";
import { addOrderEvent } from "./order-events";

/**
 * Saves the order first (so nothing is lost if the provider is down), then asks the provider to
 * prepare it (StepPay: customer + order). A failed preparation is recorded and retried when the
 * shopper pays; the order itself stands.
 */
export async function createOrder(input: PricedCheckout): Promise<{ order: OrderWithItems; prepared: boolean; prepareError: string | null }> {
  const db = await getDb();
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
      })
      .returning();
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
    return { ...row!, items };
  });

  const outcome = await collectExchanges(() => gatewayFor(order.provider).prepare(order));
  if ("error" in outcome) {
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    await addOrderEvent(db, id, "provider_prepare_failed", "The provider could not prepare the order yet; it will be retried at payment", {
      error: message,
      exchanges: outcome.exchanges,
    });
    return { order, prepared: false, prepareError: message };
  }
  if (outcome.exchanges.length > 0) {
    await addOrderEvent(db, id, "provider_prepared", `Prepared at ${order.provider}`, { exchanges: outcome.exchanges });
  }
  return { order, prepared: true, prepareError: null };
}
