import { and, asc, eq, inArray, isNotNull, lte, or } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, notFoundError, StepPayApiError } from "./api-errors";
import { stepPayDb, type Executor, type Tx } from "./database";
import { customerDto, orderSubscriptionDto, priceDto, relatedOrderDto } from "./dto";
import { newCode, newIdKey } from "./identifiers";
import type { subscriptionCancelBody, subscriptionPauseBody } from "./request-bodies";
import {
  sbxStepPayCustomers,
  sbxStepPayOrderItems,
  sbxStepPayOrders,
  sbxStepPayPayments,
  sbxStepPayPrices,
  sbxStepPayProducts,
  sbxStepPaySubscriptions,
  type OrderItemRow,
  type OrderRow,
  type SubscriptionRow,
} from "./schema";
import { SANDBOX_PAYMENT_GATEWAY } from "./test-cards";
import { addInterval, parseStepPayTimestamp, toStepPayTimestamp as ts } from "./timestamps";

/**
 * StepPay's subscriptions, as far as this storefront uses them: created by paying a
 * RECURRING_INITIAL order, read, cancelled, paused, resumed and renewed on request.
 *
 * The sandbox runs no scheduler: it never charges a renewal by itself (POST …/renew does), and the
 * changes StepPay makes "later" (PENDING_CANCEL → CANCELED at the end date, PENDING_PAUSE → PAUSE
 * at the next payment date) are applied when a subscription or order is next read.
 */

type Interval = "DAY" | "WEEK" | "MONTH" | "YEAR";

/** Paying a RECURRING_INITIAL order starts one subscription per recurring item. Runs in the payment's transaction. */
export async function startSubscriptions(tx: Tx, order: OrderRow, items: OrderItemRow[], paidAt: Date, cardNumberMasked: string): Promise<void> {
  if (!items.length) return;
  const prices = await tx.select().from(sbxStepPayPrices).where(inArray(sbxStepPayPrices.id, items.map((item) => item.priceId)));
  const rows = items.flatMap((item) => {
    const recurring = prices.find((price) => price.id === item.priceId)?.recurring;
    if (!recurring) return [];
    return [
      {
        customerId: order.customerId,
        parentOrderId: order.id,
        orderItemId: item.id,
        productId: item.productId,
        priceId: item.priceId,
        status: "ACTIVE",
        interval: recurring.interval,
        intervalCount: recurring.intervalCount,
        quantity: item.minimumQuantity,
        unitPrice: item.unitPrice,
        startDate: paidAt,
        lastPaymentDate: paidAt,
        nextPaymentDate: addInterval(paidAt, recurring.interval, recurring.intervalCount),
        recurringCount: 1,
        cardNumberMasked,
      },
    ];
  });
  if (rows.length) await tx.insert(sbxStepPaySubscriptions).values(rows).onConflictDoNothing();
}

/** Applies the scheduled changes that are due (see the module comment). Idempotent. */
export async function settleDueSubscriptionChanges(db: Executor, now: Date = new Date()): Promise<void> {
  await db
    .update(sbxStepPaySubscriptions)
    .set({ status: "CANCELED", nextPaymentDate: null, modifiedAt: now })
    .where(and(eq(sbxStepPaySubscriptions.status, "PENDING_CANCEL"), isNotNull(sbxStepPaySubscriptions.endDate), lte(sbxStepPaySubscriptions.endDate, now)));
  await db
    .update(sbxStepPaySubscriptions)
    .set({ status: "PAUSE", pausedAt: now, modifiedAt: now })
    .where(and(eq(sbxStepPaySubscriptions.status, "PENDING_PAUSE"), isNotNull(sbxStepPaySubscriptions.nextPaymentDate), lte(sbxStepPaySubscriptions.nextPaymentDate, now)));
}

function parseSubscriptionId(id: string): number {
  if (!/^\d{1,9}$/.test(id)) throw notFoundError("subscription", id);
  return Number(id);
}

async function lockSubscription(tx: Tx, id: string): Promise<SubscriptionRow> {
  const [subscription] = await tx.select().from(sbxStepPaySubscriptions).where(eq(sbxStepPaySubscriptions.id, parseSubscriptionId(id))).for("update");
  if (!subscription) throw notFoundError("subscription", id);
  return subscription;
}

function refuse(subscription: SubscriptionRow, action: string): StepPayApiError {
  return badRequest("INVALID_SUBSCRIPTION_STATUS", `Cannot ${action} a subscription in status ${subscription.status}`, {
    subscriptionId: subscription.id,
    status: subscription.status,
  });
}

/** GET /api/v1/subscriptions/{id}: SubscriptionV1DTO. */
export async function getSubscription(id: string) {
  const db = await stepPayDb();
  await settleDueSubscriptionChanges(db);
  const [subscription] = await db.select().from(sbxStepPaySubscriptions).where(eq(sbxStepPaySubscriptions.id, parseSubscriptionId(id))).limit(1);
  if (!subscription) throw notFoundError("subscription", id);

  const [customer] = await db.select().from(sbxStepPayCustomers).where(eq(sbxStepPayCustomers.id, subscription.customerId));
  const products = await db.select().from(sbxStepPayProducts).where(eq(sbxStepPayProducts.id, subscription.productId));
  const prices = await db.select().from(sbxStepPayPrices).where(eq(sbxStepPayPrices.productId, subscription.productId));
  const orders = await db
    .select()
    .from(sbxStepPayOrders)
    .where(or(eq(sbxStepPayOrders.id, subscription.parentOrderId), eq(sbxStepPayOrders.parentSubscriptionId, subscription.id)))
    .orderBy(asc(sbxStepPayOrders.id));
  const items = orders.length
    ? await db.select().from(sbxStepPayOrderItems).where(inArray(sbxStepPayOrderItems.orderId, orders.map((o) => o.id))).orderBy(asc(sbxStepPayOrderItems.position))
    : [];
  const related = orders.map((order) => relatedOrderDto(order, items.filter((item) => item.orderId === order.id)));
  const price = prices.find((p) => p.id === subscription.priceId);
  const base = orderSubscriptionDto(subscription, products, prices);

  return {
    id: subscription.id,
    status: subscription.status,
    price: price ? priceDto(price) : null,
    startDate: base.startDate,
    trialPeriod: null,
    lastPaymentDate: base.lastPaymentDate,
    nextPaymentDate: base.nextPaymentDate,
    endDate: base.endDate,
    parentOrder: related.find((order) => order.id === subscription.parentOrderId) ?? null,
    items: base.items,
    customer: customer ? customerDto(customer) : null,
    relatedOrders: related,
    pausedDateTime: ts(subscription.pausedAt),
    interval: subscription.interval,
    intervalCount: subscription.intervalCount,
    paymentMethod: { paymentMethod: "CARD", cardNumber: subscription.cardNumberMasked, paymentGateway: SANDBOX_PAYMENT_GATEWAY },
    originNextPaymentDate: null,
    shipping: null,
    canceledVia: subscription.canceledVia,
    recurringCount: subscription.recurringCount,
    currentPeriod: {
      startDateTime: ts(subscription.lastPaymentDate ?? subscription.startDate),
      endDateTime: ts(subscription.nextPaymentDate ?? subscription.endDate),
    },
  };
}

/** POST /api/v1/subscriptions/{id}/cancel. StepPay: only active, paused or unpaid subscriptions. */
export async function cancelSubscription(id: string, body: z.infer<typeof subscriptionCancelBody>) {
  const db = await stepPayDb();
  await settleDueSubscriptionChanges(db);
  const message = await db.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, id);
    // PENDING_PAUSE is still running until the pause takes effect, so it may be cancelled too.
    if (!["ACTIVE", "PAUSE", "UNPAID", "PENDING_PAUSE"].includes(subscription.status)) throw refuse(subscription, "cancel");
    const now = new Date();
    let endDate = now;
    if (body.whenToCancel === "END_OF_PERIOD") endDate = subscription.nextPaymentDate ?? now;
    if (body.whenToCancel === "SPECIFIC_DATE_TIME") {
      const when = parseStepPayTimestamp(body.when ?? "");
      if (!when || when <= now) throw badRequest("INVALID_REQUEST", "when must be a future ISO-8601 date-time", { field: "when" });
      endDate = when;
    }
    const immediate = endDate <= now;
    await tx
      .update(sbxStepPaySubscriptions)
      .set({
        status: immediate ? "CANCELED" : "PENDING_CANCEL",
        endDate,
        canceledVia: "V1",
        modifiedAt: now,
        ...(immediate ? { nextPaymentDate: null } : {}),
      })
      .where(eq(sbxStepPaySubscriptions.id, subscription.id));
    return immediate ? "The subscription was cancelled." : `The subscription will be cancelled at ${ts(endDate)}.`;
  });
  return { message, body: null };
}

/** POST /api/v1/subscriptions/{id}/pause. StepPay: only active subscriptions. */
export async function pauseSubscription(id: string, body: z.infer<typeof subscriptionPauseBody>) {
  if (body.whenToResume === "PAUSED_UNTIL") {
    throw badRequest("UNSUPPORTED_IN_SANDBOX", "The sandbox supports whenToResume NOTHING only (resume with POST /active)", { field: "whenToResume" });
  }
  const db = await stepPayDb();
  await settleDueSubscriptionChanges(db);
  const message = await db.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, id);
    if (subscription.status !== "ACTIVE") throw refuse(subscription, "pause");
    const now = new Date();
    const immediate = body.whenToPause === "IMMEDIATE";
    await tx
      .update(sbxStepPaySubscriptions)
      .set({ status: immediate ? "PAUSE" : "PENDING_PAUSE", pausedAt: immediate ? now : null, modifiedAt: now })
      .where(eq(sbxStepPaySubscriptions.id, subscription.id));
    return immediate ? "The subscription was paused." : "The subscription will be paused at its next payment date.";
  });
  return { message, body: null };
}

/** POST /api/v1/subscriptions/{id}/active. StepPay: only paused or pending-cancel subscriptions. */
export async function resumeSubscription(id: string) {
  const db = await stepPayDb();
  await settleDueSubscriptionChanges(db);
  const message = await db.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, id);
    if (!["PAUSE", "PENDING_PAUSE", "PENDING_CANCEL"].includes(subscription.status)) throw refuse(subscription, "resume");
    const now = new Date();
    // A subscription paused past its payment date is due again now (charged by POST /renew).
    const nextPaymentDate = subscription.nextPaymentDate && subscription.nextPaymentDate < now ? now : subscription.nextPaymentDate;
    await tx
      .update(sbxStepPaySubscriptions)
      .set({ status: "ACTIVE", pausedAt: null, endDate: null, canceledVia: null, nextPaymentDate, modifiedAt: now })
      .where(eq(sbxStepPaySubscriptions.id, subscription.id));
    return "The subscription is active again.";
  });
  return { message, body: null };
}

/**
 * POST /api/v1/subscriptions/{id}/renew: charges the subscription now, as a new RECURRING order
 * whose parentSubscription is this one, and moves the period forward from now. The sandbox
 * charges the card of the first payment, and that card was approved, so renewals always succeed.
 */
export async function renewSubscription(id: string) {
  const db = await stepPayDb();
  await settleDueSubscriptionChanges(db);
  const orderId = await db.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, id);
    if (!["ACTIVE", "UNPAID"].includes(subscription.status)) throw refuse(subscription, "renew");
    const [sourceItem] = await tx.select().from(sbxStepPayOrderItems).where(eq(sbxStepPayOrderItems.id, subscription.orderItemId));
    if (!sourceItem) throw new Error(`Sandbox subscription ${subscription.id} lost its order item`);
    const now = new Date();
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
        paidAmount: amount,
        paymentDate: now,
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
      status: "PAID",
      paidAmount: amount,
    });
    await tx.insert(sbxStepPayPayments).values({
      orderId: order!.id,
      outcome: "APPROVED",
      paymentGateway: SANDBOX_PAYMENT_GATEWAY,
      amount,
      cardNumberMasked: subscription.cardNumberMasked,
    });
    await tx
      .update(sbxStepPaySubscriptions)
      .set({
        status: "ACTIVE",
        lastPaymentDate: now,
        nextPaymentDate: addInterval(now, subscription.interval as Interval, subscription.intervalCount),
        recurringCount: subscription.recurringCount + 1,
        modifiedAt: now,
      })
      .where(eq(sbxStepPaySubscriptions.id, subscription.id));
    return order!.id;
  });
  return { message: "The subscription was renewed.", body: { orderId } };
}
