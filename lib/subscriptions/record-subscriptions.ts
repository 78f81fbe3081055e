import { eq } from "drizzle-orm";
import { findProduct } from "@/lib/catalog";
import type { Db } from "@/lib/db/client";
import { steppayCatalog, subscriptions } from "@/lib/db/schema";
import type { OrderItemRow, OrderRow } from "@/lib/payments/gateway";
import type { ProviderSubscription } from "@/lib/providers/types";

type Tx = Pick<Db, "insert" | "select">;

/**
 * Records the subscriptions an initial payment started (inside the transaction that moved its order
 * to paid or to review: either way StepPay took the money, and the subscription charges again until
 * the shopper can cancel it). Each renewal will be checked against the amount computed here from
 * the price the store sold the line at (its own catalog at checkout, the price StepPay's plan was
 * made for), never against what StepPay reports, and never against today's catalog.
 */
export async function recordSubscriptions(tx: Tx, order: OrderRow, items: OrderItemRow[], started: ProviderSubscription[]): Promise<void> {
  for (const subscription of started) {
    const item = await itemForSubscription(tx, items, subscription.priceCode);
    if (!item) continue;
    await tx
      .insert(subscriptions)
      .values({
        providerSubscriptionId: subscription.id,
        orderId: order.id,
        customerEmail: order.customerEmail,
        productId: item.productId,
        quantity: item.quantity,
        renewalAmount: item.unitAmount * item.quantity,
        status: subscription.status,
        interval: subscription.interval,
        intervalCount: subscription.intervalCount,
        startDate: subscription.startDate,
        lastPaymentDate: subscription.lastPaymentDate,
        nextPaymentDate: subscription.nextPaymentDate,
      })
      .onConflictDoNothing();
  }
}

/** Which of the order's lines a subscription belongs to: by its StepPay price code, else the only recurring line. */
async function itemForSubscription(tx: Tx, items: OrderItemRow[], priceCode: string | null): Promise<OrderItemRow | undefined> {
  if (priceCode) {
    const [row] = await tx.select().from(steppayCatalog).where(eq(steppayCatalog.priceCode, priceCode));
    const productId = row?.key.split(":")[0];
    const match = items.find((item) => item.productId === productId);
    if (match) return match;
  }
  const recurring = items.filter((item) => findProduct(item.productId)?.kind === "subscription");
  return recurring.length === 1 ? recurring[0] : undefined;
}
