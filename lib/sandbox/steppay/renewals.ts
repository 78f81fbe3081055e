import { and, desc, eq, isNull } from "drizzle-orm";
import type { Tx } from "./database";
import { newCode, newIdKey } from "./identifiers";
import { itemLineAmount } from "./order-bundle";
import { sbxStepPayOrderItems, sbxStepPayOrders, sbxStepPayPayments, sbxStepPaySubscriptions, type OrderRow, type SubscriptionRow } from "./schema";
import { SANDBOX_PAYMENT_GATEWAY } from "./test-cards";
import { addInterval } from "./timestamps";
import { emitOrderPaid, emitOrderWebhooks, emitSubscriptionWebhooks } from "./webhook-events";

/**
 * One renewal charge of a subscription, with the card of its first payment: StepPay's recurring
 * payment ("정기 결제"). Runs inside the caller's transaction, with the subscription row locked.
 *
 * A renewal is a new RECURRING order whose parentSubscription is the subscription. It is paid at
 * once, unless a failure was armed from the control panel: then the order stays unpaid with
 * `payment.errorCode` RENEWAL_CARD_DECLINED, the subscription becomes UNPAID, and StepPay's retries
 * charge the same order again later.
 */

/** StepPay retries a failed renewal after 1, 3, 5, 10 and 14 days, counted from the first failure (README Assumptions). */
export const RENEWAL_RETRY_DAYS = [1, 3, 5, 10, 14] as const;
export const RENEWAL_DECLINE = { errorCode: "RENEWAL_CARD_DECLINED", errorMessage: "The stored card was declined" } as const;

type Interval = "DAY" | "WEEK" | "MONTH" | "YEAR";

export type RenewalOutcome = { order: OrderRow; paid: boolean; subscription: SubscriptionRow };

/** The unpaid renewal order a retry charges again: one order per period, however many retries (README Assumptions). */
async function openRenewalOrder(tx: Tx, subscriptionId: number): Promise<OrderRow | null> {
  const [order] = await tx
    .select()
    .from(sbxStepPayOrders)
    .where(and(eq(sbxStepPayOrders.parentSubscriptionId, subscriptionId), eq(sbxStepPayOrders.type, "RECURRING"), isNull(sbxStepPayOrders.paymentDate), isNull(sbxStepPayOrders.canceledAt)))
    .orderBy(desc(sbxStepPayOrders.id))
    .limit(1)
    .for("update");
  return order ?? null;
}

async function createRenewalOrder(tx: Tx, subscription: SubscriptionRow): Promise<OrderRow> {
  const [sourceItem] = await tx.select().from(sbxStepPayOrderItems).where(eq(sbxStepPayOrderItems.id, subscription.orderItemId));
  if (!sourceItem) throw new Error(`Sandbox subscription ${subscription.id} lost its order item`);
  const amount = subscription.unitPrice * subscription.quantity;
  const [order] = await tx
    .insert(sbxStepPayOrders)
    .values({
      code: newCode("order"),
      idKey: newIdKey(),
      type: "RECURRING",
      customerId: subscription.customerId,
      currency: sourceItem.currency,
      amountDue: amount,
      parentSubscriptionId: subscription.id,
    })
    .returning();
  await tx.insert(sbxStepPayOrderItems).values({
    code: newCode("order_item"),
    orderId: order!.id,
    position: 0,
    productId: subscription.productId,
    priceId: subscription.priceId,
    orderedProductName: sourceItem.orderedProductName,
    orderedProductType: sourceItem.orderedProductType,
    orderedPlanName: sourceItem.orderedPlanName,
    unitPrice: subscription.unitPrice,
    currency: sourceItem.currency,
    minimumQuantity: subscription.quantity,
    maximumQuantity: subscription.quantity,
  });
  await emitOrderWebhooks(tx, order!, ["order.created"]);
  return order!;
}

/**
 * Charges one renewal now (sandbox time). `subscription` must be ACTIVE or UNPAID and locked by the
 * caller. On success the next payment date moves one period on from the date that was due (so a
 * late scheduler does not drift the cycle; see README Assumptions for "renew now").
 */
export async function chargeRenewal(tx: Tx, subscription: SubscriptionRow, now: Date): Promise<RenewalOutcome> {
  const unpaid = subscription.status === "UNPAID";
  // The payment date this charge settles: the one that failed while UNPAID, else the next one.
  const anchor = (unpaid ? subscription.originNextPaymentDate : null) ?? subscription.nextPaymentDate ?? now;
  const order = (unpaid ? await openRenewalOrder(tx, subscription.id) : null) ?? (await createRenewalOrder(tx, subscription));
  const declined = subscription.failNextRenewals > 0;

  await tx.insert(sbxStepPayPayments).values({
    orderId: order.id,
    outcome: declined ? "DECLINED" : "APPROVED",
    paymentGateway: SANDBOX_PAYMENT_GATEWAY,
    amount: order.amountDue,
    cardNumberMasked: subscription.cardNumberMasked,
    errorCode: declined ? RENEWAL_DECLINE.errorCode : null,
    errorMessage: declined ? RENEWAL_DECLINE.errorMessage : null,
    createdAt: now,
  });

  if (!declined) {
    const [paid] = await tx
      .update(sbxStepPayOrders)
      .set({ paidAmount: order.amountDue, paymentDate: now, modifiedAt: now })
      .where(eq(sbxStepPayOrders.id, order.id))
      .returning();
    await tx.update(sbxStepPayOrderItems).set({ status: "PAID", paidAmount: itemLineAmount, modifiedAt: now }).where(eq(sbxStepPayOrderItems.orderId, order.id));
    const [renewed] = await tx
      .update(sbxStepPaySubscriptions)
      .set({
        status: "ACTIVE",
        lastPaymentDate: now,
        nextPaymentDate: addInterval(anchor, subscription.interval as Interval, subscription.intervalCount),
        // Paid early ("renew now" before the date): the current period runs on into the prepaid one.
        currentPeriodStart: anchor <= now ? anchor : (subscription.currentPeriodStart ?? subscription.startDate),
        originNextPaymentDate: null,
        unpaidSince: null,
        failedRenewalAttempts: 0,
        recurringCount: subscription.recurringCount + 1,
        modifiedAt: now,
      })
      .where(eq(sbxStepPaySubscriptions.id, subscription.id))
      .returning();
    await emitOrderPaid(tx, paid!);
    await emitSubscriptionWebhooks(tx, renewed!, "subscription.updated", { statusChanged: renewed!.status !== subscription.status });
    return { order: paid!, paid: true, subscription: renewed! };
  }

  await tx.update(sbxStepPayOrderItems).set({ status: "PAYMENT_FAILURE", modifiedAt: now }).where(eq(sbxStepPayOrderItems.orderId, order.id));
  const [failedOrder] = await tx.update(sbxStepPayOrders).set({ modifiedAt: now }).where(eq(sbxStepPayOrders.id, order.id)).returning();
  const failures = subscription.failedRenewalAttempts + 1;
  const unpaidSince = subscription.unpaidSince ?? now;
  const retryInDays = RENEWAL_RETRY_DAYS[failures - 1];
  const [failed] = await tx
    .update(sbxStepPaySubscriptions)
    .set({
      failNextRenewals: subscription.failNextRenewals - 1,
      failedRenewalAttempts: failures,
      unpaidSince,
      originNextPaymentDate: subscription.originNextPaymentDate ?? anchor,
      modifiedAt: now,
      // After the last retry fails, StepPay gives the subscription up: EXPIRED is final (its endDate: now).
      ...(retryInDays === undefined
        ? { status: "EXPIRED", nextPaymentDate: null, endDate: now }
        : { status: "UNPAID", nextPaymentDate: addInterval(unpaidSince, "DAY", retryInDays) }),
    })
    .where(eq(sbxStepPaySubscriptions.id, subscription.id))
    .returning();
  await emitOrderWebhooks(tx, failedOrder!, ["payment.failed"]);
  await emitSubscriptionWebhooks(tx, failed!, "subscription.updated", { statusChanged: failed!.status !== subscription.status });
  return { order: failedOrder!, paid: false, subscription: failed! };
}
